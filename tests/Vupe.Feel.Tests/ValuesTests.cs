using System.Text.Json;

namespace Vupe.Feel.Tests;

public class ValuesTests
{
    [Test]
    public void FromObjectConvertsClrTypes()
    {
        Assert.That(FeelValue.FromObject(null), Is.SameAs(FeelNull.Instance));
        Assert.That(FeelValue.FromObject(3), Is.EqualTo(new FeelNumber(3)));
        Assert.That(FeelValue.FromObject(2.5d), Is.EqualTo(new FeelNumber(2.5m)));
        Assert.That(FeelValue.FromObject(7L).TypeName, Is.EqualTo("number"));
        Assert.That(FeelValue.FromObject('x'), Is.EqualTo(new FeelString("x")));
        Assert.That(FeelValue.FromObject(new DateOnly(2026, 1, 1)).TypeName, Is.EqualTo("date"));
        Assert.That(FeelValue.FromObject(new TimeOnly(1, 2)).TypeName, Is.EqualTo("time"));
        Assert.That(FeelValue.FromObject(new DateTime(2026, 1, 1)).TypeName, Is.EqualTo("date and time"));
        Assert.That(((FeelDateTime)FeelValue.FromObject(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc))).Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(FeelValue.FromObject(TimeSpan.FromHours(1)).TypeName, Is.EqualTo("days and time duration"));
        Assert.That(FeelValue.FromObject(new[] { 1, 2 }).TypeName, Is.EqualTo("list"));
        Assert.That(FeelValue.FromObject(new Dictionary<string, object?> { ["a"] = 1 }).TypeName, Is.EqualTo("context"));
        Assert.That(FeelValue.FromObject(new Dictionary<string, int> { ["a"] = 1 }).TypeName, Is.EqualTo("context"));
        Assert.That(FeelValue.FromObject(double.NaN).IsNull, Is.True);
    }

    [Test]
    public void FromObjectConvertsJson()
    {
        var json = JsonDocument.Parse("{\"a\": [1, 2.5, \"x\", true, null], \"b\": {\"c\": 3}}").RootElement;
        Assert.That(FeelValue.FromObject(json).ToString(), Is.EqualTo("{a: [1, 2.5, \"x\", true, null], b: {c: 3}}"));
    }

    [Test]
    public void UnsupportedTypeNamesTheType()
    {
        var error = Assert.Throws<ArgumentException>(() => FeelValue.FromObject(new Uri("http://x")));
        Assert.That(error!.Message, Does.Contain("System.Uri"));
    }

    [Test]
    public void ToObjectRoundTrips()
    {
        var context = (Dictionary<string, object?>)Feel.Parse("{z: 1, a: [true, \"s\"], n: null}").Evaluate(FeelScope.Empty).ToObject()!;
        Assert.That(context.Keys, Is.EqualTo(new[] { "z", "a", "n" }));
        Assert.That(context["a"], Is.EqualTo(new List<object?> { true, "s" }));
        Assert.That(context["n"], Is.Null);
    }

    [Test]
    public void StructuralEquality()
    {
        Assert.That(new FeelNumber(1.0m), Is.EqualTo(new FeelNumber(1m)));
        Assert.That(new FeelNumber(1.0m).GetHashCode(), Is.EqualTo(new FeelNumber(1m).GetHashCode()));
        var a = FeelValue.FromObject(new Dictionary<string, object?> { ["x"] = 1, ["y"] = new[] { "a" } });
        var b = FeelValue.FromObject(new Dictionary<string, object?> { ["y"] = new[] { "a" }, ["x"] = 1 });
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(new FeelString("a").Equals(new FeelNumber(1)), Is.False);
    }

    [Test]
    public void TypeNames()
    {
        string[] sources = ["null", "true", "1", "\"s\"", "@\"2026-01-01\"", "@\"10:00:00\"", "@\"2026-01-01T10:00:00\"", "@\"P1D\"", "@\"P1Y\"", "[]", "{}", "[1..2]", "function(x) x"];
        Assert.That(sources.Select(s => Feel.Parse(s).Evaluate(FeelScope.Empty).TypeName), Is.EqualTo(new[]
        {
            "null", "boolean", "number", "string", "date", "time", "date and time", "days and time duration",
            "years and months duration", "list", "context", "range", "function",
        }));
    }

    [Test]
    public void BuiltInNames()
    {
        Assert.That(FeelBuiltIns.IsBuiltIn("date and time"), Is.True);
        Assert.That(FeelBuiltIns.IsBuiltIn("foo"), Is.False);
        Assert.That(FeelBuiltIns.Names, Does.Contain("string length").And.Contain("sum"));
    }
}
