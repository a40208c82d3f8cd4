using Vupe.Feel;

namespace Vupe.Dmn.Tests;

public sealed class BusinessKnowledgeModelTests
{
    private const string Bkm = """
        <businessKnowledgeModel id="b_Discount" name="Discount Rate">
          <variable name="Discount Rate"/>
          <encapsulatedLogic>
            <formalParameter name="customer age" typeRef="number"/>
            <decisionTable hitPolicy="FIRST">
              <input><inputExpression><text>customer age</text></inputExpression></input>
              <output name="rate"/>
              <rule><inputEntry><text>&gt;= 65</text></inputEntry><outputEntry><text>0.2</text></outputEntry></rule>
              <rule><inputEntry><text>-</text></inputEntry><outputEntry><text>0</text></outputEntry></rule>
            </decisionTable>
          </encapsulatedLogic>
        </businessKnowledgeModel>
        """;

    [Test]
    public void A_bkm_is_callable_from_feel_by_name_with_spaces()
    {
        var xml = DmnXml.Definitions(DmnXml.Input("Age") + Bkm + """
            <decision id="d" name="Price"><variable name="Price" typeRef="number"/>
              <informationRequirement><requiredInput href="#i_Age"/></informationRequirement>
              <knowledgeRequirement><requiredKnowledge href="#b_Discount"/></knowledgeRequirement>
              <literalExpression><text>100 * (1 - Discount Rate(Age))</text></literalExpression>
            </decision>
            """);
        var model = DmnParser.Parse(xml);
        Assert.That(DmnEvaluator.Evaluate(model, "d", new Dictionary<string, object?> { ["Age"] = 70 }).ToObject(), Is.EqualTo(80m));
        Assert.That(DmnEvaluator.Evaluate(model, "Price", new Dictionary<string, object?> { ["Age"] = 30 }).ToObject(), Is.EqualTo(100m));
    }

    [Test]
    public void A_bkm_is_invoked_with_named_bindings_and_its_table_is_explained()
    {
        var xml = DmnXml.Definitions(DmnXml.Input("Age") + Bkm + """
            <decision id="d" name="Rate"><variable name="Rate"/>
              <informationRequirement><requiredInput href="#i_Age"/></informationRequirement>
              <knowledgeRequirement><requiredKnowledge href="#b_Discount"/></knowledgeRequirement>
              <invocation>
                <literalExpression><text>Discount Rate</text></literalExpression>
                <binding><parameter name="customer age"/><literalExpression><text>Age + 1</text></literalExpression></binding>
              </invocation>
            </decision>
            """);
        var result = DmnEvaluator.Evaluate(DmnParser.Parse(xml), "d", new Dictionary<string, object?> { ["Age"] = 64 });
        Assert.That(result.ToObject(), Is.EqualTo(0.2m));
        var table = result.Explanation.Decisions.Single().Tables.Single();
        Assert.That(table.DecisionId, Is.EqualTo("b_Discount"));
        Assert.That(table.MatchingRules, Is.EqualTo(new[] { 1, 2 }), "every rule whose entries matched");
        Assert.That(table.MatchedRules, Is.EqualTo(new[] { 1 }), "FIRST: the rule that gave the output");
    }

    [Test]
    public void An_error_inside_a_bkm_is_not_turned_into_null()
    {
        var xml = DmnXml.Definitions(DmnXml.Input("Age") + """
            <businessKnowledgeModel id="b" name="Group"><variable name="Group"/><encapsulatedLogic>
              <formalParameter name="a"/>
              <decisionTable><input><inputExpression><text>a</text></inputExpression></input><output name="g"/>
                <rule><inputEntry><text>&gt; 1</text></inputEntry><outputEntry><text>"x"</text></outputEntry></rule>
                <rule><inputEntry><text>&gt; 2</text></inputEntry><outputEntry><text>"y"</text></outputEntry></rule>
              </decisionTable></encapsulatedLogic></businessKnowledgeModel>
            <decision id="d" name="D"><variable name="D"/><informationRequirement><requiredInput href="#i_Age"/></informationRequirement>
              <knowledgeRequirement><requiredKnowledge href="#b"/></knowledgeRequirement>
              <literalExpression><text>Group(Age)</text></literalExpression></decision>
            """);
        var error = Assert.Throws<DmnEvaluationException>(() => DmnEvaluator.Evaluate(DmnParser.Parse(xml), "d", new Dictionary<string, object?> { ["Age"] = 5 }))!;
        Assert.That(error.Message, Is.EqualTo("Business knowledge model 'b': hit policy UNIQUE but rules 1, 2 all match"));
    }

    [Test]
    public void Contexts_lists_and_relations_evaluate_as_boxed_expressions()
    {
        var xml = DmnXml.Definitions(DmnXml.Input("Age") + """
            <decision id="d" name="D"><variable name="D"/><informationRequirement><requiredInput href="#i_Age"/></informationRequirement>
              <context>
                <contextEntry><variable name="double"/><literalExpression><text>Age * 2</text></literalExpression></contextEntry>
                <contextEntry><variable name="items"/><list><literalExpression><text>double</text></literalExpression><literalExpression><text>3</text></literalExpression></list></contextEntry>
                <contextEntry><variable name="table"/><relation><column name="k"/><column name="v"/>
                  <row><literalExpression><text>"a"</text></literalExpression><literalExpression><text>1</text></literalExpression></row>
                  <row><literalExpression><text>"b"</text></literalExpression><literalExpression><text>sum(items)</text></literalExpression></row>
                </relation></contextEntry>
                <contextEntry><literalExpression><text>table[k = "b"].v[1]</text></literalExpression></contextEntry>
              </context></decision>
            """);
        Assert.That(DmnEvaluator.Evaluate(DmnParser.Parse(xml), "d", new Dictionary<string, object?> { ["Age"] = 10 }).ToObject(), Is.EqualTo(23m));
    }
}

public sealed class RequirementGraphTests
{
    private const string Graph = """
        <inputData id="i_Age" name="Applicant Age"><variable name="Applicant Age" typeRef="number"/></inputData>
        <inputData id="i_Years" name="Years Unemployed"><variable name="Years Unemployed" typeRef="number"/></inputData>
        <decision id="d_adult" name="Is Adult"><variable name="Is Adult" typeRef="boolean"/>
          <informationRequirement><requiredInput href="#i_Age"/></informationRequirement>
          <literalExpression><text>Applicant Age &gt;= 18</text></literalExpression></decision>
        <decision id="d_long" name="Long Term Unemployed"><variable name="Long Term Unemployed" typeRef="boolean"/>
          <informationRequirement><requiredInput href="#i_Years"/></informationRequirement>
          <literalExpression><text>Years Unemployed &gt;= 1</text></literalExpression></decision>
        <decision id="d_referral" name="Referral"><variable name="Referral" typeRef="string"/>
          <informationRequirement><requiredDecision href="#d_adult"/></informationRequirement>
          <informationRequirement><requiredDecision href="#d_long"/></informationRequirement>
          <literalExpression><text>if Is Adult and Long Term Unemployed then "capacitación laboral" else "bolsa de trabajo"</text></literalExpression></decision>
        """;

    [Test]
    public void Required_decisions_are_evaluated_first_and_explained_in_order()
    {
        var result = DmnEvaluator.Evaluate(DmnParser.Parse(DmnXml.Definitions(Graph)), "d_referral",
            new Dictionary<string, object?> { ["Applicant Age"] = 30, ["Years Unemployed"] = 2 });
        Assert.That(result.ToObject(), Is.EqualTo("capacitación laboral"));
        Assert.That(result.Explanation.Decisions.Select(d => d.DecisionId), Is.EqualTo(new[] { "d_adult", "d_long", "d_referral" }));
        Assert.That(result.Explanation.Decisions[2].Inputs, Is.EqualTo(new Dictionary<string, object?> { ["Is Adult"] = true, ["Long Term Unemployed"] = true }));
    }

    [Test]
    public void Inputs_named_like_a_decision_do_not_replace_it_unless_asked()
    {
        var model = DmnParser.Parse(DmnXml.Definitions(Graph));
        var inputs = new Dictionary<string, FeelValue> { ["Applicant Age"] = FeelNumber.Of(30), ["Years Unemployed"] = FeelNumber.Of(0), ["Long Term Unemployed"] = FeelBoolean.True };
        Assert.That(DmnEvaluator.Evaluate(model, "d_referral", inputs).ToObject(), Is.EqualTo("bolsa de trabajo"));
        Assert.That(DmnEvaluator.Evaluate(model, "d_referral", inputs, inputsOverrideDecisions: true).ToObject(), Is.EqualTo("capacitación laboral"));
    }

    [Test]
    public void A_missing_requirement_rejects_the_file()
    {
        var xml = DmnXml.Definitions(Graph.Replace("#d_long", "#d_gone", StringComparison.Ordinal));
        var error = Assert.Throws<DmnModelException>(() => DmnParser.Parse(xml))!;
        Assert.That(error.Errors[0], Does.StartWith("Decision 'd_referral': informationRequirement (line ").And.EndWith("refers to decision '#d_gone' which is not in this file"));
        Assert.That(error.Errors[1], Is.EqualTo("Decision 'd_referral': reads decision 'Long Term Unemployed' without an information requirement on it"));
    }

    [Test]
    public void Reading_an_input_or_decision_without_requiring_it_rejects_the_file()
    {
        var xml = DmnXml.Definitions(Graph.Replace("<informationRequirement><requiredDecision href=\"#d_long\"/></informationRequirement>", "", StringComparison.Ordinal)
            + """
            <decision id="d_x" name="X"><context>
              <contextEntry><variable name="Is Adult"/><literalExpression><text>true</text></literalExpression></contextEntry>
              <contextEntry><literalExpression><text>Is Adult and Applicant Age > 1</text></literalExpression></contextEntry>
            </context></decision>
            """);
        var error = Assert.Throws<DmnModelException>(() => DmnParser.Parse(xml))!;
        Assert.That(error.Errors, Is.EqualTo(new[]
        {
            "Decision 'd_referral': reads decision 'Long Term Unemployed' without an information requirement on it",
            "Decision 'd_x': reads input data 'Applicant Age' without an information requirement on it",
        }));
    }

    [Test]
    public void A_requirement_cycle_rejects_the_file()
    {
        var xml = DmnXml.Definitions("""
            <decision id="a" name="A"><informationRequirement><requiredDecision href="#b"/></informationRequirement><literalExpression><text>B</text></literalExpression></decision>
            <decision id="b" name="B"><informationRequirement><requiredDecision href="#a"/></informationRequirement><literalExpression><text>A</text></literalExpression></decision>
            """);
        Assert.That(Assert.Throws<DmnModelException>(() => DmnParser.Parse(xml))!.Message, Is.EqualTo("Decision 'a' requires itself: a -> b -> a"));
    }

    [Test]
    public void An_unknown_decision_is_a_specific_error()
    {
        var model = DmnParser.Parse(DmnXml.Definitions(Graph));
        Assert.That(Assert.Throws<DmnEvaluationException>(() => DmnEvaluator.Evaluate(model, "nope", new Dictionary<string, object?>()))!.Message,
            Is.EqualTo("No decision 'nope' in 'tests'"));
    }
}

public sealed class ItemDefinitionTests
{
    private const string Types = """
        <itemDefinition name="tStatus"><typeRef>string</typeRef><allowedValues><text>"EMPLOYED","UNEMPLOYED"</text></allowedValues></itemDefinition>
        <itemDefinition name="tPerson">
          <itemComponent name="age"><typeRef>number</typeRef></itemComponent>
          <itemComponent name="status"><typeRef>tStatus</typeRef></itemComponent>
        </itemDefinition>
        <itemDefinition name="tScores" isCollection="true"><typeRef>number</typeRef></itemDefinition>
        """;

    private static DmnDefinitions Model(string inputType, string expression, string? decisionType = null) => DmnParser.Parse(DmnXml.Definitions(Types
        + DmnXml.Input("X", inputType)
        + $"""<decision id="d" name="D"><variable name="D"{(decisionType is null ? "" : $" typeRef=\"{decisionType}\"")}/>{DmnXml.Requires("X")}<literalExpression><text>{DmnXml.Esc(expression)}</text></literalExpression></decision>"""));

    private static object? Evaluate(DmnDefinitions model, object? x) =>
        DmnEvaluator.Evaluate(model, "d", new Dictionary<string, object?> { ["X"] = x }).ToObject();

    [Test]
    public void An_input_of_the_wrong_type_is_an_error_naming_the_input_and_type()
    {
        var error = Assert.Throws<DmnEvaluationException>(() => Evaluate(Model("number", "X + 1"), "ten"))!;
        Assert.That(error.Message, Is.EqualTo("Input data 'X' does not conform to its type 'number': expected number but got string \"ten\""));
        Assert.That(error.DecisionId, Is.EqualTo("d"));
    }

    [Test]
    public void An_input_outside_the_allowed_values_is_an_error()
    {
        var error = Assert.Throws<DmnEvaluationException>(() => Evaluate(Model("tStatus", "X"), "RETIRED"))!;
        Assert.That(error.Message, Is.EqualTo("Input data 'X' does not conform to its type 'tStatus': \"RETIRED\" is not among the allowed values of 'tStatus' (\"EMPLOYED\",\"UNEMPLOYED\")"));
        Assert.That(Evaluate(Model("tStatus", "X"), "EMPLOYED"), Is.EqualTo("EMPLOYED"));
    }

    [Test]
    public void Structured_inputs_are_checked_component_by_component()
    {
        var model = Model("tPerson", "X.age");
        Assert.That(Evaluate(model, new Dictionary<string, object?> { ["age"] = 40, ["status"] = "EMPLOYED" }), Is.EqualTo(40m));
        var error = Assert.Throws<DmnEvaluationException>(() => Evaluate(model, new Dictionary<string, object?> { ["age"] = 40, ["status"] = "ASLEEP" }))!;
        Assert.That(error.Message, Is.EqualTo("Input data 'X' does not conform to its type 'tPerson': component 'status': \"ASLEEP\" is not among the allowed values of 'tStatus' (\"EMPLOYED\",\"UNEMPLOYED\")"));
        Assert.That(Assert.Throws<DmnEvaluationException>(() => Evaluate(model, 3))!.Message, Does.Contain("expected a structure of type 'tPerson' but got a number"));
    }

    [Test]
    public void Collections_check_each_item_and_wrap_a_single_value()
    {
        var model = Model("tScores", "count(X)");
        Assert.That(Evaluate(model, new[] { 1, 2, 3 }), Is.EqualTo(3m));
        Assert.That(Evaluate(model, 7), Is.EqualTo(1m), "a single value conforms as a singleton list");
        Assert.That(Assert.Throws<DmnEvaluationException>(() => Evaluate(model, new object[] { 1, "two" }))!.Message, Does.Contain("item 2: expected number but got string \"two\""));
    }

    [Test]
    public void A_null_result_is_explained_by_warnings()
    {
        var model = Model("number", "\"n = \" + X", "string");
        var result = DmnEvaluator.Evaluate(model, "d", new Dictionary<string, object?> { ["X"] = 1 });
        Assert.That(result.Value.IsNull, Is.True);
        Assert.That(result.Explanation.Decisions.Single().Warnings.Single(), Does.StartWith("'\"n = \" + X' at position "));
        var typed = DmnEvaluator.Evaluate(Model("number", "\"text\"", "number"), "d", new Dictionary<string, object?> { ["X"] = 1 });
        Assert.That(typed.Explanation.Decisions.Single().Warnings.Single(),
            Is.EqualTo("the result \"text\" does not conform to the type 'number' (expected number but got string \"text\"), so the decision is null"));
    }

    [Test]
    public void A_decision_result_that_does_not_conform_to_its_type_is_null()
    {
        Assert.That(Evaluate(Model("number", "\"text\"", "number"), 1), Is.Null);
        Assert.That(Evaluate(Model("number", "[X]", "number"), 1), Is.EqualTo(1m), "a singleton list conforms to its element type");
    }

    [Test]
    public void An_input_that_is_no_feel_value_is_a_specific_error()
    {
        var error = Assert.Throws<DmnEvaluationException>(() => Evaluate(Model("number", "X"), new Uri("http://example.org")))!;
        Assert.That(error.Message, Does.StartWith("Input 'X' cannot be read as a FEEL value: Cannot convert a value of type 'System.Uri'"));
    }

    [Test]
    public void An_unknown_type_rejects_the_file()
    {
        var error = Assert.Throws<DmnModelException>(() => Model("tMissing", "X"))!;
        Assert.That(error.Message, Is.EqualTo("Input data 'i_X': unknown type 'tMissing'"));
    }
}

public sealed class BadInputTests
{
    [Test]
    public void A_feel_syntax_error_in_a_rule_names_the_decision_rule_column_and_position()
    {
        var xml = DmnXml.Table("UNIQUE", ["Age", "Income"], ["o"], [(["< 18", "-"], ["1"]), (["[18..", "> 0"], ["2"])]);
        var error = Assert.Throws<DmnModelException>(() => DmnParser.Parse(xml))!;
        Assert.That(error.Message, Does.StartWith("Decision 'd', rule 2, input entry 1: FEEL syntax error at position 5 (line 1, column 6) in '[18..':"));
    }

    [Test]
    public void A_feel_syntax_error_in_an_output_entry_is_located_too()
    {
        var xml = DmnXml.Table("UNIQUE", ["Age"], ["o"], [(["< 18"], ["\"minor"])]);
        Assert.That(Assert.Throws<DmnModelException>(() => DmnParser.Parse(xml))!.Message, Does.StartWith("Decision 'd', rule 1, output entry 1: FEEL syntax error at position 0"));
    }

    [Test]
    public void Every_problem_of_a_file_is_listed_and_the_file_is_rejected_whole()
    {
        var xml = DmnXml.Definitions(DmnXml.Input("Age", "tNope") + """
            <decision id="d1" name="One"><literalExpression><text>1 +</text></literalExpression></decision>
            <decision id="d2" name="Two"><informationRequirement><requiredInput href="#i_gone"/></informationRequirement><literalExpression><text>2</text></literalExpression></decision>
            """);
        var error = Assert.Throws<DmnModelException>(() => DmnParser.Parse(xml))!;
        Assert.That(error.Errors, Has.Count.EqualTo(3));
        Assert.That(error.Errors[0], Is.EqualTo("Input data 'i_Age': unknown type 'tNope'"));
        Assert.That(error.Errors[1], Does.StartWith("Decision 'd1': FEEL syntax error at position 3"));
        Assert.That(error.Errors[2], Does.Contain("refers to input data '#i_gone' which is not in this file"));
        Assert.That(error.Message, Does.StartWith("The DMN file has 3 errors: "));
    }

    [Test]
    public void A_rule_with_the_wrong_number_of_entries_is_rejected()
    {
        var xml = DmnXml.Table("UNIQUE", ["Age"], ["o"], [(["< 18", "1"], ["1"])]);
        Assert.That(Assert.Throws<DmnModelException>(() => DmnParser.Parse(xml))!.Message, Is.EqualTo("Decision 'd', rule 1: has 2 input entries for 1 inputs"));
    }

    [Test]
    public void Not_xml_and_not_dmn_are_rejected()
    {
        Assert.That(Assert.Throws<DmnModelException>(() => DmnParser.Parse("<definitions"))!.Message, Does.StartWith("The DMN file is not well-formed XML"));
        Assert.That(Assert.Throws<DmnModelException>(() => DmnParser.Parse("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>"))!.Message, Does.StartWith("Not a DMN file"));
    }

    [Test]
    public void An_unknown_hit_policy_is_rejected()
    {
        var xml = DmnXml.Table("SOMETIMES", ["Age"], ["o"], [(["< 18"], ["1"])]);
        Assert.That(Assert.Throws<DmnModelException>(() => DmnParser.Parse(xml))!.Message, Is.EqualTo("Decision 'd': unknown hit policy 'SOMETIMES'"));
    }
}

public sealed class DecisionServiceTests
{
    private const string Model = """
        <inputData id="i_a" name="A"><variable name="A" typeRef="number"/></inputData>
        <inputData id="i_b" name="B"><variable name="B" typeRef="number"/></inputData>
        <decision id="d_sum" name="Sum"><variable name="Sum" typeRef="number"/>
          <informationRequirement><requiredInput href="#i_a"/></informationRequirement>
          <informationRequirement><requiredInput href="#i_b"/></informationRequirement>
          <literalExpression><text>A + B</text></literalExpression></decision>
        <decision id="d_double" name="Double"><variable name="Double" typeRef="number"/>
          <informationRequirement><requiredDecision href="#d_sum"/></informationRequirement>
          <literalExpression><text>Sum * 2</text></literalExpression></decision>
        <decisionService id="ds" name="Doubler">
          <outputDecision href="#d_double"/><encapsulatedDecision href="#d_sum"/>
          <inputData href="#i_a"/><inputData href="#i_b"/>
        </decisionService>
        <decisionService id="ds2" name="From Sum">
          <outputDecision href="#d_double"/><inputDecision href="#d_sum"/>
        </decisionService>
        <decision id="d_call" name="Call"><variable name="Call" typeRef="number"/>
          <knowledgeRequirement><requiredKnowledge href="#ds"/></knowledgeRequirement>
          <literalExpression><text>Doubler(1, 2) + From Sum(10)</text></literalExpression></decision>
        """;

    [Test]
    public void A_decision_service_evaluates_its_output_decisions_from_its_inputs()
    {
        var model = DmnParser.Parse(DmnXml.Definitions(Model));
        var result = DmnEvaluator.EvaluateDecisionService(model, "ds", new Dictionary<string, FeelValue> { ["A"] = FeelNumber.Of(3), ["B"] = FeelNumber.Of(4) });
        Assert.That(result.ToObject(), Is.EqualTo(14m));
        Assert.That(result.Explanation.Decisions.Select(d => d.DecisionId), Is.EqualTo(new[] { "d_sum", "d_double" }));
        var fromSum = DmnEvaluator.EvaluateDecisionService(model, "From Sum", new Dictionary<string, FeelValue> { ["Sum"] = FeelNumber.Of(5) });
        Assert.That(fromSum.ToObject(), Is.EqualTo(10m), "input decisions are taken from the inputs");
    }

    [Test]
    public void A_decision_service_is_callable_from_feel_with_input_data_then_input_decisions()
    {
        var model = DmnParser.Parse(DmnXml.Definitions(Model));
        Assert.That(DmnEvaluator.Evaluate(model, "d_call", new Dictionary<string, object?>()).ToObject(), Is.EqualTo(26m));
    }
}

public sealed class BoxedIteratorTests
{
    private static object? Evaluate(string logic, object? x)
    {
        var xml = DmnXml.Definitions(DmnXml.Input("X", "Any") + $"""<decision id="d" name="D"><variable name="D"/>{DmnXml.Requires("X")}{logic}</decision>""");
        return DmnEvaluator.Evaluate(DmnParser.Parse(xml), "d", new Dictionary<string, object?> { ["X"] = x }).ToObject();
    }

    private static string Lit(string text) => $"<literalExpression><text>{DmnXml.Esc(text)}</text></literalExpression>";

    [Test]
    public void Conditional_filter_for_every_and_some_boxed_expressions_evaluate()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Evaluate($"<conditional><if>{Lit("X > 1")}</if><then>{Lit("\"big\"")}</then><else>{Lit("\"small\"")}</else></conditional>", 5), Is.EqualTo("big"));
            Assert.That(Evaluate($"<filter><in>{Lit("X")}</in><match>{Lit("item > 1")}</match></filter>", new[] { 1, 2, 3 }), Is.EqualTo(new[] { 2m, 3m }));
            Assert.That(Evaluate($"<for iteratorVariable=\"n\"><in>{Lit("X")}</in><return>{Lit("n * 10")}</return></for>", new[] { 1, 2 }), Is.EqualTo(new[] { 10m, 20m }));
            Assert.That(Evaluate($"<every iteratorVariable=\"n\"><in>{Lit("X")}</in><satisfies>{Lit("n > 0")}</satisfies></every>", new[] { 1, 2 }), Is.EqualTo(true));
            Assert.That(Evaluate($"<some iteratorVariable=\"n\"><in>{Lit("X")}</in><satisfies>{Lit("n > 1")}</satisfies></some>", new[] { 1, 2 }), Is.EqualTo(true));
        });
    }
}
