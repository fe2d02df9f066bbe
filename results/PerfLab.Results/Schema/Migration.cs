namespace PerfLab.Results.Schema;

/// <summary>One numbered schema step: the SQL that takes a database from version <see cref="ToVersion"/> − 1 to <see cref="ToVersion"/>.</summary>
public sealed record Migration(int ToVersion, string Description, string Sql);
