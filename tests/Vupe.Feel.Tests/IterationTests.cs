using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class IterationTests
{
    [Test]
    public void ForReturnsList() => Assert.That(Run("for x in [1, 2, 3] return x * x"), Is.EqualTo(new List<object?> { 1m, 4m, 9m }));

    [Test]
    public void ForOverCartesianProduct() =>
        Assert.That(Run("for x in [1, 2], y in [10, 20] return x + y"), Is.EqualTo(new List<object?> { 11m, 21m, 12m, 22m }));

    [Test]
    public void ForOverIntegerRange()
    {
        Assert.That(Run("for i in 1..3 return i"), Is.EqualTo(new List<object?> { 1m, 2m, 3m }));
        Assert.That(Run("for i in 3..1 return i"), Is.EqualTo(new List<object?> { 3m, 2m, 1m }));
    }

    [Test]
    public void ForWithPartial() =>
        Assert.That(Run("for i in 1..5 return if i <= 2 then 1 else partial[-1] + partial[-2]"), Is.EqualTo(new List<object?> { 1m, 1m, 2m, 3m, 5m }));

    [TestCase("some x in [1, 5, 10] satisfies x > 8", true)]
    [TestCase("some x in [1, 5] satisfies x > 8", false)]
    [TestCase("every x in [1, 5, 10] satisfies x > 0", true)]
    [TestCase("every x in [1, -5, 10] satisfies x > 0", false)]
    [TestCase("every x in [] satisfies x > 0", true)]
    [TestCase("some x in [1, 2], y in [2, 3] satisfies x = y", true)]
    public void Quantified(string source, bool expected) => Assert.That(Run(source), Is.EqualTo(expected));
}
