namespace PerfLab.Harness.Gating;

/// <summary>Which kind of baseline a selector names.</summary>
public enum BaselineKind
{
    Branch = 1,
    Build = 2,
    Tag = 3,
}

/// <summary>A parsed <c>--baseline</c> selector: <c>branch:NAME</c> (the default, main), <c>build:ID</c>, <c>tag:key=value</c>
/// or <c>tag:value</c>.</summary>
public sealed record BaselineSpec(BaselineKind Kind, string Value)
{
    /// <summary>The default selector.</summary>
    public static BaselineSpec Default { get; } = new(BaselineKind.Branch, "main");

    /// <summary>Parses a selector; a bad one is a usage error.</summary>
    public static BaselineSpec Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Default;
        var colon = text.IndexOf(':');
        var kind = colon < 0 ? "" : text[..colon];
        var value = colon < 0 ? "" : text[(colon + 1)..].Trim();
        if (value.Length == 0 || kind is not ("branch" or "build" or "tag"))
            throw new GateInputException($"--baseline '{text}': expected branch:NAME, build:ID, tag:key=value or tag:value");
        return new BaselineSpec(kind switch { "branch" => BaselineKind.Branch, "build" => BaselineKind.Build, _ => BaselineKind.Tag }, value);
    }

    public override string ToString() => Kind switch
    {
        BaselineKind.Branch => "branch:" + Value,
        BaselineKind.Build => "build:" + Value,
        _ => "tag:" + Value,
    };

    /// <summary>True when a run with these tags carries the tag this selector names (key=value exactly, or a key or value equal to it).</summary>
    public bool MatchesTags(IReadOnlyDictionary<string, string> tags)
    {
        var eq = Value.IndexOf('=');
        if (eq > 0) return tags.TryGetValue(Value[..eq], out var v) && v == Value[(eq + 1)..];
        return tags.ContainsKey(Value) || tags.Values.Contains(Value);
    }
}
