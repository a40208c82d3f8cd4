namespace Vupe.Dmn.Tests;

/// <summary>Per-decision compilation for tools (the TCK runner), and DMN types after FEEL's 'instance of'.</summary>
public sealed class Dmn15Tests
{
    private static readonly string TwoDecisions = DmnXml.Definitions("""
        <decision id="good" name="Good"><variable name="Good"/><literalExpression><text>1 + 1</text></literalExpression></decision>
        <decision id="bad" name="Bad"><variable name="Bad"/><literalExpression><text>1 +</text></literalExpression></decision>
        """);

    [Test]
    public void Deploying_still_refuses_a_file_with_one_decision_that_does_not_compile()
    {
        var error = Assert.Throws<DmnModelException>(() => DmnParser.Parse(TwoDecisions))!;
        Assert.That(error.Errors.Single(), Does.StartWith("Decision 'bad': FEEL syntax error"));
    }

    [Test]
    public void Lenient_parsing_keeps_the_other_decisions_and_the_broken_one_names_its_problem()
    {
        var model = DmnParser.ParseLenient(TwoDecisions);
        Assert.Multiple(() =>
        {
            Assert.That(DmnEvaluator.Evaluate(model, "good", new Dictionary<string, object?>()).ToObject(), Is.EqualTo(2m));
            Assert.That(model.FindDecision("good")!.CompileErrors, Is.Empty);
            Assert.That(model.FindDecision("bad")!.CompileErrors.Single(), Does.StartWith("Decision 'bad': FEEL syntax error"));
            Assert.That(model.CompileErrors, Has.Count.EqualTo(1));
            var error = Assert.Throws<DmnEvaluationException>(() => DmnEvaluator.Evaluate(model, "bad", new Dictionary<string, object?>()))!;
            Assert.That(error.Message, Does.Contain("could not be compiled").And.Contain("FEEL syntax error"));
            Assert.That(error.DecisionId, Is.EqualTo("bad"));
        });
    }

    [Test]
    public void A_decision_requiring_a_broken_decision_fails_with_its_error()
    {
        var model = DmnParser.ParseLenient(DmnXml.Definitions("""
            <decision id="bad" name="Bad"><variable name="Bad"/><literalExpression><text>(</text></literalExpression></decision>
            <decision id="user" name="User"><variable name="User"/><informationRequirement><requiredDecision href="#bad"/></informationRequirement>
              <literalExpression><text>Bad</text></literalExpression></decision>
            """));
        var error = Assert.Throws<DmnEvaluationException>(() => DmnEvaluator.Evaluate(model, "user", new Dictionary<string, object?>()))!;
        Assert.That(error.Message, Does.StartWith("'bad' could not be compiled"));
    }

    // FEEL 1.5, 10.3.2.9: an item definition after 'instance of' is its structure; allowed values are constraints, not type.
    [TestCase("256 instance of t255", true)]
    [TestCase("\"x\" instance of t255", false)]
    [TestCase("[1, 2] instance of tNumbers", true)]
    [TestCase("[1, \"2\"] instance of tNumbers", false)]
    [TestCase("{a: \"x\", b: \"y\", c: 1} instance of tPair", true)]
    [TestCase("{a: \"x\"} instance of tPair", false)]
    [TestCase("[{a: \"x\", b: \"y\"}] instance of list<tPair>", true)]
    public void Instance_of_an_item_definition(string expression, bool expected)
    {
        var model = DmnParser.Parse(DmnXml.Definitions($"""
            <itemDefinition name="t255"><typeRef>number</typeRef><allowedValues><text>[0..255]</text></allowedValues></itemDefinition>
            <itemDefinition name="tNumbers" isCollection="true"><typeRef>number</typeRef></itemDefinition>
            <itemDefinition name="tPair">
              <itemComponent name="a"><typeRef>string</typeRef></itemComponent>
              <itemComponent name="b"><typeRef>string</typeRef></itemComponent>
            </itemDefinition>
            <decision id="d" name="D"><variable name="D"/><literalExpression><text>{DmnXml.Esc(expression)}</text></literalExpression></decision>
            """));
        Assert.That(DmnEvaluator.Evaluate(model, "d", new Dictionary<string, object?>()).ToObject(), Is.EqualTo(expected));
    }
}

public sealed class LocalHrefTests
{
    [Test]
    public void A_requirement_may_name_this_files_namespace_before_the_id()
    {
        var model = DmnParser.Parse(DmnXml.Definitions("""
            <decision id="a" name="A"><variable name="A"/><literalExpression><text>1</text></literalExpression></decision>
            <decision id="b" name="B"><variable name="B"/>
              <informationRequirement><requiredDecision href="http://vupecases.pe/tests#a"/></informationRequirement>
              <literalExpression><text>A + 1</text></literalExpression></decision>
            """));
        Assert.That(DmnEvaluator.Evaluate(model, "b", new Dictionary<string, object?>()).ToObject(), Is.EqualTo(2m));
    }

    [Test]
    public void Another_namespace_is_an_import_and_is_refused() =>
        Assert.Throws<DmnModelException>(() => DmnParser.Parse(DmnXml.Definitions("""
            <decision id="b" name="B"><variable name="B"/>
              <informationRequirement><requiredDecision href="http://elsewhere#a"/></informationRequirement>
              <literalExpression><text>1</text></literalExpression></decision>
            """)));
}
