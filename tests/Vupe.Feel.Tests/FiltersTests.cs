using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class FiltersTests
{
    [TestCase("[10, 20, 30][1]", 10)]
    [TestCase("[10, 20, 30][-1]", 30)]
    [TestCase("[10, 20, 30][i]", 20)]
    public void Index(string source, int expected) => Assert.That(Run(source, ("i", 2)), Is.EqualTo((decimal)expected));

    [Test]
    public void IndexOutOfRangeIsNull()
    {
        Assert.That(Eval("[1, 2][3]").IsNull, Is.True);
        Assert.That(Eval("[1, 2][0]").IsNull, Is.True);
        Assert.That(Eval("[][1]").IsNull, Is.True);
    }

    [Test]
    public void Condition() => Assert.That(Run("[1, 2, 3, 4][item > 2]"), Is.EqualTo(new List<object?> { 3m, 4m }));

    [Test]
    public void ConditionOnContextEntries() =>
        Assert.That(Run("orders[amount > limit].id", ("orders", new[]
        {
            new Dictionary<string, object?> { ["id"] = "a", ["amount"] = 5 },
            new Dictionary<string, object?> { ["id"] = "b", ["amount"] = 50 },
        }), ("limit", 10)), Is.EqualTo(new List<object?> { "b" }));

    [Test]
    public void NonBooleanConditionExcludesItem() => Assert.That(Run("[1, \"a\", 3][item > 1]"), Is.EqualTo(new List<object?> { 3m }));

    [Test]
    public void FilterOfEmptyListIsEmpty() => Assert.That(Run("[][item > 1]"), Is.Empty);
}
