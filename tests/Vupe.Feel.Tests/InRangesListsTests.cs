using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class InRangesListsTests
{
    [TestCase("5 in [1..5]", true)]
    [TestCase("5 in [1..5)", false)]
    [TestCase("1 in (1..5]", false)]
    [TestCase("1 in ]1..5]", false)]
    [TestCase("3 in ]1..5[", true)]
    [TestCase("5 in < 10", true)]
    [TestCase("10 in < 10", false)]
    [TestCase("10 in <= 10", true)]
    [TestCase("3 in >= 3", true)]
    [TestCase("3 in > 3", false)]
    [TestCase("2 in (1, 2, 3)", true)]
    [TestCase("4 in (1, 2, 3)", false)]
    [TestCase("4 in (< 2, > 3)", true)]
    [TestCase("2 in [1, 2, 3]", true)]
    [TestCase("\"b\" in [\"a\", \"b\"]", true)]
    [TestCase("\"b\" in \"b\"", true)]
    [TestCase("@\"2026-06-01\" in [@\"2026-01-01\"..@\"2026-12-31\"]", true)]
    [TestCase("2 in ([1..3], 7)", true)]
    public void In(string source, bool expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [Test]
    public void InBindsTighterThanAnd() =>
        Assert.That(Run("x in [1..5] and y in (\"a\", \"b\")", ("x", 3), ("y", "b")), Is.EqualTo(true));

    [Test]
    public void NullIsNotInARange() => Assert.That(Run("null in [1..5]"), Is.Null);

    [Test]
    public void RangesAreValues()
    {
        var range = (FeelRange)Eval("[1..10)");
        Assert.That((range.Start, range.StartIncluded, range.End, range.EndIncluded),
            Is.EqualTo(((FeelValue)new FeelNumber(1), true, (FeelValue)new FeelNumber(10), false)));
        Assert.That(Run("r.start + r.end", ("r", range)), Is.EqualTo(11m));
        Assert.That(Run("[1..10).end included"), Is.EqualTo(false));
    }

    [Test]
    public void RangeInVariable() => Assert.That(Run("7 in r", ("r", Eval("[5..8]"))), Is.EqualTo(true));
}
