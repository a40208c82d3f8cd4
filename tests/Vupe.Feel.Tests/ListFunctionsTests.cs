using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class ListFunctionsTests
{
    [TestCase("list contains([1, 2, 3], 2)", "true")]
    [TestCase("list contains([1, null], null)", "true")]
    [TestCase("count([1, 2, 3])", "3")]
    [TestCase("min([3, 1, 2])", "1")]
    [TestCase("min(3, 1, 2)", "1")]
    [TestCase("max([\"a\", \"c\", \"b\"])", "\"c\"")]
    [TestCase("max(@\"2026-01-01\", @\"2026-05-01\")", "@\"2026-05-01\"")]
    [TestCase("sum([1, 2, 3])", "6")]
    [TestCase("sum(1, 2, 3)", "6")]
    [TestCase("sum([])", "null")]
    [TestCase("mean([1, 2, 3])", "2")]
    [TestCase("all([true, false])", "false")]
    [TestCase("all([])", "true")]
    [TestCase("all([true, null])", "null")]
    [TestCase("any([false, true])", "true")]
    [TestCase("any([])", "false")]
    [TestCase("sublist([1, 2, 3], 2)", "[2, 3]")]
    [TestCase("sublist([1, 2, 3], 1, 2)", "[1, 2]")]
    [TestCase("sublist([1, 2, 3], -1)", "[3]")]
    [TestCase("append([1], 2, 3)", "[1, 2, 3]")]
    [TestCase("concatenate([1, 2], [3])", "[1, 2, 3]")]
    [TestCase("insert before([1, 3], 2, 2)", "[1, 2, 3]")]
    [TestCase("remove([1, 2, 3], 2)", "[1, 3]")]
    [TestCase("reverse([1, 2, 3])", "[3, 2, 1]")]
    [TestCase("index of([1, 2, 3, 2], 2)", "[2, 4]")]
    [TestCase("union([1, 2], [2, 3])", "[1, 2, 3]")]
    [TestCase("distinct values([1, 2, 3, 2, 1])", "[1, 2, 3]")]
    [TestCase("flatten([[1, 2], [[3]], 4])", "[1, 2, 3, 4]")]
    [TestCase("product([2, 3, 4])", "24")]
    [TestCase("median([8, 2, 5, 3, 4])", "4")]
    [TestCase("median([6, 1, 2, 3])", "2.5")]
    [TestCase("median([])", "null")]
    [TestCase("mode([6, 3, 9, 6, 6])", "[6]")]
    [TestCase("mode([6, 1, 9, 6, 1])", "[1, 6]")]
    [TestCase("mode([])", "[]")]
    [TestCase("sort([3, 1, 4, 2])", "[1, 2, 3, 4]")]
    [TestCase("sort([3, 1, 4, 2], function(x, y) x > y)", "[4, 3, 2, 1]")]
    [TestCase("sort(list: [\"b\", \"a\"], precedes: function(x, y) x < y)", "[\"a\", \"b\"]")]
    public void ListFunctions(string source, string expected) => Assert.That(Text(source), Is.EqualTo(expected));

    [Test]
    public void StandardDeviation() => Assert.That((decimal)Run("stddev([2, 4, 7, 5])")!, Is.EqualTo(2.0816659994661327m).Within(1e-15m));

    [Test]
    public void MixedTypesInNumericAggregateIsNull()
    {
        var result = Diagnose("sum([1, \"2\"])");
        Assert.That(result.Value.IsNull, Is.True);
        Assert.That(result.Diagnostics.Single().Message, Is.EqualTo("sum: item 2 must be a number but was string"));
    }

    [Test]
    public void SortOfIncomparableIsNull() => Assert.That(Eval("sort([1, \"a\"])").IsNull, Is.True);

    [Test]
    public void CountOfNullIsNull() => Assert.That(Eval("count(null)").IsNull, Is.True);
}
