using System.Security.Cryptography;
using System.Text;

namespace PerfLab.Cli;

/// <summary>The suites/ folder as shipped, embedded in perflab's assembly (resources named <c>suites/RELATIVE/PATH</c>),
/// and its materialized copy in a per-user cache folder keyed by the content hash, never in the working folder.</summary>
public static class EmbeddedSuites
{
    /// <summary>The prefix of every embedded suites resource's logical name.</summary>
    public const string Prefix = "suites/";

    /// <summary>Environment variable that overrides the cache root (default $XDG_CACHE_HOME/perflab, else ~/.cache/perflab).</summary>
    public const string CacheVariable = "PERFLAB_CACHE_DIR";

    private static readonly System.Reflection.Assembly Assembly = typeof(EmbeddedSuites).Assembly;

    /// <summary>The embedded files' paths relative to suites/, sorted ordinally.</summary>
    public static IReadOnlyList<string> Files { get; } = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..].Replace('\\', '/'))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The bytes of one embedded file (its path relative to suites/).</summary>
    public static byte[] Read(string relativePath)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + relativePath)
            ?? throw new FileNotFoundException($"{relativePath}: not among perflab's embedded suites");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>SHA-256 over every embedded file's path and bytes, in path order: the cache folder's name.</summary>
    public static string ContentHash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in Files)
        {
            var bytes = Read(f);
            sha.AppendData(Encoding.UTF8.GetBytes($"{f}\n{bytes.Length}\n"));
            sha.AppendData(bytes);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The cache root: $PERFLAB_CACHE_DIR, else $XDG_CACHE_HOME/perflab, else ~/.cache/perflab.</summary>
    public static string CacheRoot()
    {
        var explicitRoot = Environment.GetEnvironmentVariable(CacheVariable);
        if (!string.IsNullOrEmpty(explicitRoot)) return Path.GetFullPath(explicitRoot);
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "perflab");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return !string.IsNullOrEmpty(home)
            ? Path.Combine(home, ".cache", "perflab")
            : Path.Combine(Path.GetTempPath(), "perflab-cache-" + Environment.UserName);
    }

    /// <summary>Writes the embedded suites to <c>CACHE/suites/HASH</c> unless an intact copy is there, and returns that folder.
    /// Where the cache root cannot be written (a read-only home), the temp folder is used instead.</summary>
    public static string Materialize()
    {
        if (Files.Count == 0) throw new InvalidOperationException("this perflab was built without embedded suites");
        try { return MaterializeUnder(CacheRoot()); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return MaterializeUnder(Path.Combine(Path.GetTempPath(), "perflab-cache-" + Environment.UserName));
        }
    }

    /// <summary>Writes every embedded file under <paramref name="directory"/> (created if absent).</summary>
    public static void WriteTo(string directory)
    {
        foreach (var f in Files)
        {
            var target = Path.Combine(directory, f);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, Read(f));
            if (f.EndsWith(".py", StringComparison.Ordinal) && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(target, File.GetUnixFileMode(target) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>Writes the embedded suites to <c><paramref name="root"/>/suites/HASH</c> unless an intact copy is there, and returns that folder.</summary>
    public static string MaterializeUnder(string root)
    {
        var hash = ContentHash();
        var final = Path.Combine(root, "suites", hash[..16]);
        if (Intact(final)) return final;
        // Written beside the final folder and renamed into place, so two perflab processes starting at once never see a
        // half-written copy; a copy found altered (edited in the cache) is replaced.
        var staging = final + ".tmp-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        WriteTo(staging);
        try
        {
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
            Directory.Move(staging, final);
        }
        catch (IOException) when (Intact(final))
        {
            // Another process renamed its identical copy into place first.
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return final;
    }

    private static bool Intact(string folder)
    {
        if (!Directory.Exists(folder)) return false;
        var present = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        if (!present.SequenceEqual(Files, StringComparer.Ordinal)) return false;
        return Files.All(f => File.ReadAllBytes(Path.Combine(folder, f)).AsSpan().SequenceEqual(Read(f)));
    }
}
