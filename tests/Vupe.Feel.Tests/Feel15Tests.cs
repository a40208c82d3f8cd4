using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

/// <summary>FEEL 1.5 features the DMN TCK level 3 exercises, each from the specification's text (section 10.3).</summary>
public class Feel15Tests
{
    // 10.3.4.1 is(value1, value2): same element of the semantic domain; stricter than '=' for zones and types.
    [TestCase("is(1, 1)", true)]
    [TestCase("is(\"a\", \"b\")", false)]
    [TestCase("is(@\"2012-12-25\", @\"2012-12-25T00:00:00Z\")", false)]
    [TestCase("is(@\"23:00:50Z\", @\"23:00:50+00:00\")", true)]
    [TestCase("is(@\"23:00:50@Etc/GMT\", @\"23:00:50Z\")", false)]
    [TestCase("is(@\"2021-04-02T23:00:00@Australia/Melbourne\", @\"2021-04-02T23:00:00+11:00\")", false)]
    [TestCase("is(@\"P1Y\", @\"P12M\")", true)]
    [TestCase("is(@\"P0Y\", @\"P0D\")", false)]
    [TestCase("is(value1: 1, value2: 1)", true)]
    public void Is_function(string source, bool expected) => Assert.That(Run(source), Is.EqualTo(expected));

    // 10.3.2.3.1 number literals may have an exponent.
    [TestCase("1.23e4", 12300)]
    [TestCase("1.23E+4", 12300)]
    [TestCase("123e-2", 1.23)]
    public void Scientific_notation(string source, decimal expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [Test]
    public void A_name_after_a_number_is_not_an_exponent() =>
        Assert.That(Run("2 * e", ("e", 3)), Is.EqualTo(6m));

    // 10.3.2.7: a unary comparison used as a value is a range, not the same value as a literal with a null endpoint.
    [TestCase("(< 10) = (< 10)", true)]
    [TestCase("(< 10) = (null..10)", false)]
    [TestCase("(=10) = [10..10]", false)]
    [TestCase("(>= 10).start included", true)]
    [TestCase("(<= 10).end", 10)]
    [TestCase("5 in (< 10)", true)]
    public void Unary_comparisons_as_ranges(string source, object expected) =>
        Assert.That(Run(source), Is.EqualTo(expected is int i ? (object)(decimal)i : expected));

    [Test]
    public void A_unary_range_start_is_null() => Assert.That(Eval("(< 10).start").IsNull, Is.True);

    // 10.3.4.x range(from): a range literal in a string; endpoints are literals of one type, ascending.
    [TestCase("2 in range(\"[1..3]\")", true)]
    [TestCase("range(\"(18..21]\") = (18..21]", true)]
    [TestCase("range(\"[date(\\\"1970-01-01\\\")..date(\\\"1970-01-02\\\")]\") = [date(\"1970-01-01\")..date(\"1970-01-02\")]", true)]
    [TestCase("range(from: \"[1..3]\") instance of range<number>", true)]
    public void Range_function(string source, bool expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [TestCase("range(\"[3..1]\")")]
    [TestCase("range(\"[1..\\\"b\\\"]\")")]
    [TestCase("range(\">=10\")")]
    [TestCase("range(\"[x..3]\")")]
    [TestCase("range(\"[date(string(\\\"1970-01-01\\\"))..date(\\\"1970-01-02\\\")]\")")]
    public void Range_function_refuses_what_is_not_a_literal_range(string source) =>
        Assert.That(Diagnose(source), Has.Property("Value").Property("IsNull").True.And.Property("Diagnostics").Not.Empty);

    // 10.3.2.9: instance of with function and context types.
    [TestCase("1 instance of function<>->Any", false)]
    [TestCase("(function(a) a) instance of function<Any>->Any", true)]
    [TestCase("{a: null} instance of context<a: string>", true)]
    [TestCase("{a: 1} instance of context<a: string>", false)]
    public void Instance_of_function_and_context(string source, bool expected) => Assert.That(Run(source), Is.EqualTo(expected));

    // 10.3.4.4 list replace(list, position or match, newItem).
    [TestCase("list replace([1, 2, 3], 2, 4)", "[1, 4, 3]")]
    [TestCase("list replace([1, 2, 3], -1, 4)", "[1, 2, 4]")]
    [TestCase("list replace([2, 4, 7, 8], function(item, newItem) item < newItem, 5)", "[5, 5, 7, 8]")]
    [TestCase("list replace(match: function(item, newItem) item = 2, newItem: 4, list: [1, 2, 3])", "[1, 4, 3]")]
    [TestCase("list replace([1, 2, 3], 0, 4)", "null")]
    [TestCase("list replace([2, 4], function(item) item = 2, 5)", "null")]
    [TestCase("list replace([2, 4], function(item, newItem) item, 5)", "null")]
    public void List_replace(string source, string expected) => Assert.That(Text(source), Is.EqualTo(expected));

    // 10.3.4.5 round half down: halves go toward zero, the rest to the nearest.
    [TestCase("round half down(5.5, 0)", 5)]
    [TestCase("round half down(-5.5, 0)", -5)]
    [TestCase("round half down(1.121, 2)", 1.12)]
    [TestCase("round half down(-1.126, 2)", -1.13)]
    [TestCase("round half down(5.51, 0)", 6)]
    public void Round_half_down(string source, decimal expected) => Assert.That(Run(source), Is.EqualTo(expected));

    // 10.3.4.9 context(entries), context put(context, keys, value).
    [TestCase("context([{key: \"a\", value: 1}, {key: \"b\", value: 2}])", "{a: 1, b: 2}")]
    [TestCase("context({key: \"a\", value: null})", "{a: null}")]
    [TestCase("context(entries: [{key: \"a\", value: 1, ignored: 2}])", "{a: 1}")]
    [TestCase("context([{key: \"a\", value: 1}, {key: \"a\", value: 2}])", "null")]
    [TestCase("context({value: 1})", "null")]
    [TestCase("context put({x: 1, y: {a: 0}}, [\"y\", \"a\"], 2)", "{x: 1, y: {a: 2}}")]
    [TestCase("context put(context: {x: 1, y: {a: 0}}, keys: [\"y\", \"b\"], value: 2)", "{x: 1, y: {a: 0, b: 2}}")]
    [TestCase("context put({x: 1, y: {a: 0}}, [\"y\", \"a\", \"b\"], 2)", "null")]
    [TestCase("context put({x: 1}, [], 2)", "null")]
    public void Context_functions(string source, string expected) => Assert.That(Text(source), Is.EqualTo(expected));

    // 10.3.2.14: for over a date range steps by days; only ascending ranges of numbers iterate.
    [TestCase("for i in @\"1980-01-01\"..@\"1980-01-03\" return i.day", "[1, 2, 3]")]
    [TestCase("for i in @\"1980-01-03\"..@\"1980-01-01\" return i.day", "[3, 2, 1]")]
    [TestCase("for i in [1..3) return i", "[1, 2]")]
    [TestCase("for i in [2..1] return i", "null")]
    [TestCase("for i in [\"a\"..\"z\"] return i", "null")]
    public void For_over_ranges(string source, string expected) => Assert.That(Text(source), Is.EqualTo(expected));

    // Lambdas: a function returned from a function keeps the names it saw.
    [Test]
    public void A_returned_function_closes_over_its_scope()
    {
        var makeAdder = Eval("{adder: function(a) function(b) a + b}.adder");
        var scope = Scope(("make", makeAdder));
        Assert.That(Feel.Parse("make(10)(2)").Evaluate(scope).ToObject(), Is.EqualTo(12m));
    }

    [Test]
    public void A_function_defined_over_a_scope_reads_it_when_called_elsewhere()
    {
        var function = Feel.Parse("function(x) x * factor").Evaluate(Scope(("factor", 3)));
        Assert.That(Feel.Parse("f(2)").Evaluate(Scope(("f", function), ("factor", 100))).ToObject(), Is.EqualTo(6m));
    }

    [TestCase("(function(a: number) a)(\"foo\")", "null")]
    [TestCase("(function(a: number) a)(2)", "2")]
    [TestCase("(function(a: number) a)(null)", "null")]
    public void Typed_parameters_refuse_other_types(string source, string expected) => Assert.That(Text(source), Is.EqualTo(expected));

    // 10.3.2.6 in with lists: a list is a member of a list of lists; an item of another type is not a match.
    [TestCase("[1, 2, 3] in [[1, 2, 3, 4], [1, 2, 3]]", true)]
    [TestCase("[1, 2] in [[1, 2, 3]]", false)]
    [TestCase("true in [false, 2, 3]", false)]
    public void In_lists(string source, bool expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [TestCase("years and months duration(date and time(\"2014-12-31T23:59:59\"), date and time(\"2016-12-31T00:00:01\"))", "P2Y")]
    [TestCase("years and months duration(date(\"2011-12-22\"), date(\"2013-08-24\"))", "P1Y8M")]
    public void Years_and_months_count_whole_months_by_date(string source, string expected) =>
        Assert.That(Run($"string({source})"), Is.EqualTo(expected));

    [Test]
    public void A_zone_id_with_a_T_is_a_time() => Assert.That(Eval("@\"23:00:50@Etc/GMT\""), Is.InstanceOf<FeelTime>());
}

public class Feel15EdgeCaseTests
{
    // ISO 8601 end of day: 24:00:00 is the next day's midnight.
    [TestCase("string(@\"2021-01-01T24:00:00\")", "2021-01-02T00:00:00")]
    [TestCase("string(@\"2021-01-01T24:00:00\" - @\"PT1S\")", "2021-01-01T23:59:59")]
    [TestCase("string(duration(\"PT0.S\"))", "PT0S")]
    [TestCase("string(context put({x: 1}, \"y\", 2))", "{x: 1, y: 2}")]
    public void Temporal_and_text_edge_cases(string source, string expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [TestCase("date(\"01211-12-31\")")]
    [TestCase("@\"2021-01-01T24:00:01\"")]
    [TestCase("all()")]
    [TestCase("mode()")]
    [TestCase("context put(context: {y: {a: 0}}, key: [\"y\", \"a\"], value: 2)")]
    public void Errors(string source)
    {
        FeelValue value;
        try
        {
            value = Eval(source);
        }
        catch (FeelSyntaxException)
        {
            return; // a bad literal is a syntax error
        }

        Assert.That(value.IsNull, Is.True);
    }

    [TestCase("{🐎: \"😀\"}.🐎", "😀")]
    [TestCase("string length(\"🐎😀\")", 2)]
    public void Names_and_strings_with_characters_outside_the_basic_plane(string source, object expected) =>
        Assert.That(Run(source), Is.EqualTo(expected is int i ? (object)(decimal)i : expected));
}
