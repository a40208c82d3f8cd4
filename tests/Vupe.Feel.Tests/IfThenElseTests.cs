using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class IfThenElseTests
{
    [TestCase(20, "adult")]
    [TestCase(10, "minor")]
    public void ChoosesBranch(int age, string expected) =>
        Assert.That(Run("if age >= 18 then \"adult\" else \"minor\"", ("age", age)), Is.EqualTo(expected));

    [Test]
    public void NullConditionTakesElse() => Assert.That(Run("if null then 1 else 2"), Is.EqualTo(2m));

    [Test]
    public void NonBooleanConditionTakesElse() => Assert.That(Run("if \"yes\" then 1 else 2"), Is.EqualTo(2m));

    [Test]
    public void Nested() =>
        Assert.That(Run("if x < 0 then \"neg\" else if x = 0 then \"zero\" else \"pos\"", ("x", 0)), Is.EqualTo("zero"));

    [Test]
    public void AsOperand() => Assert.That(Run("1 + (if true then 1 else 2)"), Is.EqualTo(2m));

    [Test]
    public void OnlyChosenBranchIsEvaluated() =>
        Assert.That(Diagnose("if true then 1 else 1 / 0").Diagnostics, Is.Empty);
}
