using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

/// <summary>Examples from the DMN 1.3 specification, table 78 (range functions).</summary>
public class RangeFunctionsTests
{
    [TestCase("before(1, 10)", true)]
    [TestCase("before(10, 1)", false)]
    [TestCase("before(1, [2..5])", true)]
    [TestCase("before(1, (1..5])", true)]
    [TestCase("before(1, [1..5])", false)]
    [TestCase("before([1..5], 10)", true)]
    [TestCase("before([1..5), 5)", true)]
    [TestCase("before([1..5], [6..8])", true)]
    [TestCase("before([1..5), [5..8])", true)]
    [TestCase("before([1..5], [5..8])", false)]
    [TestCase("after(10, 1)", true)]
    [TestCase("after(12, [2..5])", true)]
    [TestCase("after([6..8], [1..5])", true)]
    [TestCase("after((5..8], [1..5])", true)]
    [TestCase("meets([1..5], [5..8])", true)]
    [TestCase("meets([1..5), [5..8])", false)]
    [TestCase("met by([5..10], [1..5])", true)]
    [TestCase("overlaps([1..5], [3..8])", true)]
    [TestCase("overlaps([1..5], [6..8])", false)]
    [TestCase("overlaps([1..5], [5..8])", true)]
    [TestCase("overlaps([1..5), [5..8])", false)]
    [TestCase("overlaps before([1..5], [3..8])", true)]
    [TestCase("overlaps before([1..5], [1..5])", false)]
    [TestCase("overlaps after([3..8], [1..5])", true)]
    [TestCase("finishes(10, [1..10])", true)]
    [TestCase("finishes(10, [1..10))", false)]
    [TestCase("finishes([5..10], [1..10])", true)]
    [TestCase("finished by([1..10], 10)", true)]
    [TestCase("includes([1..10], 5)", true)]
    [TestCase("includes([1..10], 12)", false)]
    [TestCase("includes([1..10], [4..6])", true)]
    [TestCase("includes([1..10], [1..10])", true)]
    [TestCase("during(5, [1..10])", true)]
    [TestCase("during([4..6], [1..10])", true)]
    [TestCase("starts(1, [1..5])", true)]
    [TestCase("starts((1..5], [1..5])", false)]
    [TestCase("starts([1..5], [1..10])", true)]
    [TestCase("started by([1..10], [1..5])", true)]
    [TestCase("coincides(5, 5)", true)]
    [TestCase("coincides([1..5], [1..5])", true)]
    [TestCase("coincides([1..5], (1..5])", false)]
    public void Relations(string source, bool expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [TestCase("includes(belowTen, 5)", true)]
    [TestCase("includes(belowTen, 10)", false)]
    [TestCase("before(belowTen, [10..20])", true)]
    [TestCase("includes(belowTen, [1..5])", true)]
    [TestCase("overlaps(belowTen, [5..20])", true)]
    public void UnboundedRanges(string source, bool expected) =>
        Assert.That(Run(source, ("belowTen", new FeelRange(null, false, new FeelNumber(10), false))), Is.EqualTo(expected));

    [Test]
    public void DatesWork() =>
        Assert.That(Run("before(@\"2026-01-01\", [@\"2026-02-01\"..@\"2026-03-01\"])"), Is.EqualTo(true));

    [Test]
    public void IncomparableIsNull() => Assert.That(Eval("before(1, \"a\")").IsNull, Is.True);
}
