using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class ContextFunctionsTests
{
    [TestCase("get value({a: 1}, \"a\")", "1")]
    [TestCase("get value({a: 1}, \"b\")", "null")]
    [TestCase("get entries({a: 1, b: 2})", "[{key: \"a\", value: 1}, {key: \"b\", value: 2}]")]
    [TestCase("context put({a: 1}, \"b\", 2)", "{a: 1, b: 2}")]
    [TestCase("context put({a: 1, b: 2}, \"a\", 3)", "{a: 3, b: 2}")]
    [TestCase("context merge([{a: 1}, {b: 2}, {a: 3}])", "{a: 3, b: 2}")]
    public void ContextFunctions(string source, string expected) => Assert.That(Text(source), Is.EqualTo(expected));

    [Test]
    public void GetValueOfNonContextIsNull() => Assert.That(Diagnose("get value(1, \"a\")").Diagnostics, Has.Count.EqualTo(1));
}
