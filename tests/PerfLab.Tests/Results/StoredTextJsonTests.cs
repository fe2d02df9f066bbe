using System.Text.Encodings.Web;
using System.Text.Json;
using NUnit.Framework;
using PerfLab.Results;

namespace PerfLab.Tests.Results;

/// <summary>Stored maps and lists are read and written with the JSON reader and writer; these pin that the text and the values
/// are exactly what JsonSerializer gave before (databases written by earlier versions must read back the same).</summary>
public sealed class StoredTextJsonTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static IEnumerable<Dictionary<string, string>> Maps()
    {
        yield return new Dictionary<string, string>();
        yield return new Dictionary<string, string> { ["release"] = "1.0", ["branch"] = "main" };
        yield return new Dictionary<string, string> { ["b"] = "2", ["a"] = "1", ["B"] = "3", ["ä"] = "4", ["🚀"] = "5" };
        yield return new Dictionary<string, string> { ["quote\"back\\slash"] = "tab\tnl\ncr\rnul\0esc\u001b", ["<html>&'"] = "°C Grüße" };
        yield return new Dictionary<string, string> { ["bidi"] = "\u202e evil \u2028 \u009b", ["empty"] = "" };
    }

    [TestCaseSource(nameof(Maps))]
    public void A_map_is_written_as_the_serializer_wrote_it_and_reads_back(Dictionary<string, string> map)
    {
        var sorted = new SortedDictionary<string, string>(map, StringComparer.Ordinal);
        var text = StoredText.Map(map);
        Assert.That(text, Is.EqualTo(JsonSerializer.Serialize(sorted, Relaxed)));
        Assert.That(StoredText.ParseMap(text), Is.EquivalentTo(map));
    }

    private static IEnumerable<string[]> Lists()
    {
        yield return [];
        yield return ["n089", "n090"];
        yield return ["a\"b", "c\\d", "e\u001bf", "Grüße 🚀", ""];
    }

    [TestCaseSource(nameof(Lists))]
    public void A_list_is_written_as_the_serializer_wrote_it_and_reads_back(string[] items)
    {
        var text = StoredText.List(items);
        Assert.That(text, Is.EqualTo(JsonSerializer.Serialize(items, Relaxed)));
        Assert.That(StoredText.ParseList(text), Is.EqualTo(items));
    }

    [TestCase("""{"a":"1","a":"2"}""", "a", "2")]
    [TestCase(""" { "k" : "v" } """, "k", "v")]
    [TestCase("""{"k":"\u00e9\n"}""", "k", "é\n")]
    public void A_map_reads_as_the_serializer_read_it(string json, string key, string value)
    {
        Assert.That(StoredText.ParseMap(json)[key], Is.EqualTo(value));
        Assert.That(JsonSerializer.Deserialize<Dictionary<string, string>>(json)![key], Is.EqualTo(value));
    }

    [Test]
    public void Json_null_reads_as_empty_and_a_null_value_stays_null()
    {
        Assert.That(StoredText.ParseMap("null"), Is.Empty);
        Assert.That(StoredText.ParseList(" null "), Is.Empty);
        Assert.That(StoredText.ParseMap("""{"k":null}""")["k"], Is.Null);
        Assert.That(StoredText.ParseList("""["a",null]"""), Is.EqualTo(new[] { "a", null }));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("[]")]
    [TestCase("\"text\"")]
    [TestCase("{\"a\":1}")]
    [TestCase("{\"a\":{\"b\":\"c\"}}")]
    [TestCase("{\"a\":[\"b\"]}")]
    [TestCase("{\"a\":\"b\"")]
    [TestCase("{\"a\":\"b\"} x")]
    [TestCase("{\"a\":\"b\"}{}")]
    [TestCase("{\"a\":\"b\",}")]
    [TestCase("{'a':'b'}")]
    [TestCase("{\"a\":\"b\" /* c */}")]
    public void A_map_the_serializer_refused_is_refused(string json)
    {
        Assert.Catch<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, string>>(json), "the serializer");
        Assert.Catch<JsonException>(() => StoredText.ParseMap(json), "StoredText");
    }

    [TestCase("")]
    [TestCase("{}")]
    [TestCase("[1]")]
    [TestCase("[\"a\",[\"b\"]]")]
    [TestCase("[\"a\"")]
    [TestCase("[\"a\"] []")]
    public void A_list_the_serializer_refused_is_refused(string json)
    {
        Assert.Catch<JsonException>(() => JsonSerializer.Deserialize<List<string>>(json), "the serializer");
        Assert.Catch<JsonException>(() => StoredText.ParseList(json), "StoredText");
    }
}
