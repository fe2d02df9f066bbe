using System.Text.Json;
using PerfLab.Runners.Cuda.Parsing;

namespace PerfLab.Runners.Cuda.ExactModel;

/// <summary>Reads an exact-model raw summary JSON; absent fields stay null (the rules name them), wrongly typed ones are errors.</summary>
public static class ExactModelSummaryParser
{
    public static Parsed<ExactModelSummary> Parse(string json)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }).RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Parsed<ExactModelSummary>.Fail($"not valid JSON (line {(e.LineNumber ?? 0) + 1}): {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object) return Parsed<ExactModelSummary>.Fail("the summary must be a JSON object");
        var errors = new List<string>();
        var reader = new FieldReader(errors);
        var schema = reader.Str(root, "schema");
        if (schema != ExactModelSummary.SchemaName)
            return Parsed<ExactModelSummary>.Fail($"'schema' is '{schema}', expected '{ExactModelSummary.SchemaName}'");

        JsonElement? dep = reader.Obj(root, "dependency_check");
        JsonElement? fit = reader.Obj(root, "fit");
        JsonElement? quality = reader.Obj(root, "quality");
        JsonElement? speed = reader.Obj(root, "speed");
        var summary = new ExactModelSummary(
            schema,
            reader.Str(root, "run_id"),
            reader.Str(root, "model_id"),
            reader.Str(root, "probe_kind"),
            dep is { } d ? reader.Str(d, "state", "dependency_check.") : null,
            dep is { } d2 ? reader.Str(d2, "detail", "dependency_check.") : null,
            fit is { } f ? new ExactModelFit(reader.Str(f, "gpu", "fit."), reader.Long(f, "context_length", "fit."),
                reader.Long(f, "memory_allocated_bytes", "fit."), reader.Long(f, "memory_reserved_bytes", "fit."),
                reader.Bool(f, "oom", "fit."), reader.Str(f, "oom_detail", "fit.")) : null,
            quality is { } q ? new ExactModelQuality(reader.Str(q, "prompt_id", "quality."), reader.Str(q, "task_id", "quality."),
                reader.Str(q, "answer_artifact", "quality."), reader.Str(q, "answer_sha256", "quality.")) : null,
            speed is { } s ? new ExactModelSpeed(reader.Double(s, "wall_s", "speed."), reader.Long(s, "generated_tokens", "speed."),
                reader.Double(s, "tokens_per_s", "speed."), reader.Str(s, "comparison_target", "speed.")) : null);
        return errors.Count > 0 ? Parsed<ExactModelSummary>.Fail(string.Join("; ", errors)) : Parsed<ExactModelSummary>.Of(summary);
    }

    private sealed class FieldReader(List<string> errors)
    {
        private bool Get(JsonElement o, string name, string path, JsonValueKind[] kinds, out JsonElement value)
        {
            if (!o.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null) return false;
            if (kinds.Contains(value.ValueKind)) return true;
            errors.Add($"'{path}{name}' must be {string.Join(" or ", kinds.Select(k => k.ToString().ToLowerInvariant()))}, got {value.ValueKind.ToString().ToLowerInvariant()}");
            return false;
        }

        public string? Str(JsonElement o, string name, string path = "") =>
            Get(o, name, path, [JsonValueKind.String], out var v) && v.GetString() is { Length: > 0 } s ? s : null;

        public JsonElement? Obj(JsonElement o, string name) => Get(o, name, "", [JsonValueKind.Object], out var v) ? v : null;

        public bool? Bool(JsonElement o, string name, string path) =>
            Get(o, name, path, [JsonValueKind.True, JsonValueKind.False], out var v) ? v.GetBoolean() : null;

        public long? Long(JsonElement o, string name, string path)
        {
            if (!Get(o, name, path, [JsonValueKind.Number], out var v)) return null;
            if (v.TryGetInt64(out var n) && n >= 0) return n;
            errors.Add($"'{path}{name}' must be a non-negative integer, got {v.GetRawText()}");
            return null;
        }

        public double? Double(JsonElement o, string name, string path)
        {
            if (!Get(o, name, path, [JsonValueKind.Number], out var v)) return null;
            var d = v.GetDouble();
            if (double.IsFinite(d) && d >= 0) return d;
            errors.Add($"'{path}{name}' must be a non-negative number, got {v.GetRawText()}");
            return null;
        }
    }
}
