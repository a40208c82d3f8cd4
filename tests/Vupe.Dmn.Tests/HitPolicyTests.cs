using Vupe.Feel;

namespace Vupe.Dmn.Tests;

public sealed class HitPolicyTests
{
    private static readonly (string[], string[])[] AgeRules =
    [
        (["< 18"], ["\"minor\""]),
        (["[18..65)"], ["\"adult\""]),
        ([">= 60"], ["\"senior\""]),
    ];

    private static object? Evaluate(string xml, object? age) =>
        DmnEvaluator.Evaluate(DmnParser.Parse(xml), "d", new Dictionary<string, object?> { ["Age"] = age }).ToObject();

    [Test]
    public void Unique_returns_the_one_matching_rule()
    {
        var xml = DmnXml.Table("UNIQUE", ["Age"], ["group"], AgeRules);
        Assert.That(Evaluate(xml, 30), Is.EqualTo("adult"));
        Assert.That(Evaluate(xml, 10), Is.EqualTo("minor"));
    }

    [Test]
    public void Unique_without_a_match_is_null()
    {
        var xml = DmnXml.Table("UNIQUE", ["Age"], ["group"], [(["< 18"], ["\"minor\""])]);
        Assert.That(Evaluate(xml, 30), Is.Null);
    }

    [Test]
    public void Unique_with_overlapping_rules_at_runtime_is_an_error_naming_the_decision_and_the_rules()
    {
        var xml = DmnXml.Table("UNIQUE", ["Age"], ["group"], AgeRules);
        var error = Assert.Throws<DmnEvaluationException>(() => Evaluate(xml, 62))!;
        Assert.That(error.Message, Is.EqualTo("Decision 'd': hit policy UNIQUE but rules 2, 3 all match"));
        Assert.That(error.DecisionId, Is.EqualTo("d"));
        Assert.That(error.RuleNumbers, Is.EqualTo(new[] { 2, 3 }));
    }

    [Test]
    public void Any_accepts_overlaps_with_equal_outputs_and_rejects_different_ones()
    {
        var same = DmnXml.Table("ANY", ["Age"], ["adult"], [([">= 18"], ["true"]), ([">= 65"], ["true"]), (["< 18"], ["false"])]);
        Assert.That(Evaluate(same, 70), Is.EqualTo(true));
        var different = DmnXml.Table("ANY", ["Age"], ["group"], AgeRules);
        var error = Assert.Throws<DmnEvaluationException>(() => Evaluate(different, 62))!;
        Assert.That(error.Message, Does.Contain("hit policy ANY but rules 2 and 3 match with different outputs (\"adult\" and \"senior\")"));
    }

    [Test]
    public void First_returns_the_first_matching_rule_in_table_order()
    {
        var xml = DmnXml.Table("FIRST", ["Age"], ["group"], AgeRules);
        Assert.That(Evaluate(xml, 62), Is.EqualTo("adult"));
    }

    [Test]
    public void Priority_returns_the_match_whose_output_comes_first_in_the_output_values()
    {
        var xml = DmnXml.Table("PRIORITY", ["Age"], ["group"], AgeRules, outputValues: "\"senior\",\"adult\",\"minor\"");
        Assert.That(Evaluate(xml, 62), Is.EqualTo("senior"));
        Assert.That(Evaluate(xml, 30), Is.EqualTo("adult"));
    }

    [Test]
    public void Output_order_lists_matches_by_output_value_priority()
    {
        var xml = DmnXml.Table("OUTPUT ORDER", ["Age"], ["group"], AgeRules, outputValues: "\"senior\",\"adult\",\"minor\"");
        Assert.That(Evaluate(xml, 62), Is.EqualTo(new[] { "senior", "adult" }));
    }

    [Test]
    public void A_constant_output_entry_outside_the_output_values_rejects_the_file_naming_decision_rule_and_column()
    {
        var xml = DmnXml.Table("PRIORITY", ["Age"], ["group"], [(["< 18"], ["\"minor\""]), ([">= 60"], ["\"elderly\""])], outputValues: "\"senior\",\"adult\",\"minor\"");
        var error = Assert.Throws<DmnModelException>(() => DmnParser.Parse(xml))!;
        Assert.That(error.Errors, Is.EqualTo(new[] { "Decision 'd', rule 2, output entry 1 'group': gives \"elderly\", which is not among its output values (\"senior\",\"adult\",\"minor\")" }));

        var columns = DmnXml.Table("COLLECT", ["Age"], ["service", "priority"], [(["-"], ["\"a\"", "\"b\""]), (["-"], ["\"a\"", "\"c\""])], outputValues: "\"a\", \"b\"");
        Assert.That(Assert.Throws<DmnModelException>(() => DmnParser.Parse(columns))!.Errors,
            Is.EqualTo(new[] { "Decision 'd', rule 2, output entry 2 'priority': gives \"c\", which is not among its output values (\"a\", \"b\")" }));
    }

    [Test]
    public void A_computed_output_entry_is_checked_against_the_output_values_when_its_rule_matches()
    {
        var xml = DmnXml.Table("FIRST", ["Age"], ["group"], [(["< 18"], ["\"minor\""]), ([">= 60"], ["\"eld\" + \"erly\""]), (["-"], ["null"])], outputValues: "\"senior\",\"adult\",\"minor\"");
        Assert.That(Evaluate(xml, 10), Is.EqualTo("minor"));
        Assert.That(Evaluate(xml, 30), Is.Null);
        var error = Assert.Throws<DmnEvaluationException>(() => Evaluate(xml, 62))!;
        Assert.That(error.Message, Is.EqualTo("Decision 'd': rule 2 gives \"elderly\" for output 1 'group', which is not among its output values (\"senior\",\"adult\",\"minor\")"));
        Assert.That(error.RuleNumbers, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void Rule_order_lists_matches_in_rule_order()
    {
        var xml = DmnXml.Table("RULE ORDER", ["Age"], ["group"], AgeRules);
        Assert.That(Evaluate(xml, 62), Is.EqualTo(new[] { "adult", "senior" }));
    }

    [Test]
    public void Collect_lists_every_match_and_aggregates_with_sum_min_max_count()
    {
        (string[], string[])[] rules = [([">= 0"], ["10"]), ([">= 18"], ["20"]), ([">= 60"], ["20"]), (["< 0"], ["99"])];
        Assert.Multiple(() =>
        {
            Assert.That(Evaluate(DmnXml.Table("COLLECT", ["Age"], ["points"], rules), 62), Is.EqualTo(new[] { 10m, 20m, 20m }));
            Assert.That(Evaluate(DmnXml.Table("COLLECT", ["Age"], ["points"], rules, "SUM"), 62), Is.EqualTo(50m));
            Assert.That(Evaluate(DmnXml.Table("COLLECT", ["Age"], ["points"], rules, "MIN"), 62), Is.EqualTo(10m));
            Assert.That(Evaluate(DmnXml.Table("COLLECT", ["Age"], ["points"], rules, "MAX"), 62), Is.EqualTo(20m));
            Assert.That(Evaluate(DmnXml.Table("COLLECT", ["Age"], ["points"], rules, "COUNT"), 62), Is.EqualTo(2m), "COUNT counts distinct outputs");
            Assert.That(Evaluate(DmnXml.Table("COLLECT", ["Age"], ["points"], rules, "COUNT"), -1), Is.EqualTo(1m));
            Assert.That(Evaluate(DmnXml.Table("COLLECT", ["Age"], ["points"], rules, "SUM"), null), Is.Null, "no match: SUM is null");
        });
    }

    [Test]
    public void Several_outputs_give_a_context_and_multi_hit_a_list_of_contexts()
    {
        (string[], string[])[] rules = [([">= 18"], ["\"adult\"", "1"]), ([">= 60"], ["\"senior\"", "2"])];
        var single = DmnXml.Table("FIRST", ["Age"], ["group", "rank"], rules);
        Assert.That(Evaluate(single, 62), Is.EqualTo(new Dictionary<string, object?> { ["group"] = "adult", ["rank"] = 1m }));
        var multi = DmnXml.Table("RULE ORDER", ["Age"], ["group", "rank"], rules);
        var result = (System.Collections.IList)Evaluate(multi, 62)!;
        Assert.That(result, Has.Count.EqualTo(2));
    }

    [Test]
    public void The_explanation_keeps_inputs_matched_rules_and_output()
    {
        var xml = DmnXml.Table("RULE ORDER", ["Age"], ["group"], AgeRules);
        var result = DmnEvaluator.Evaluate(DmnParser.Parse(xml), "Decision", new Dictionary<string, object?> { ["Age"] = 62 });
        var trace = result.Explanation.Decisions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.Explanation.MatchedRules, Is.EqualTo(new[] { 2, 3 }));
            Assert.That(trace.Inputs["Age"], Is.EqualTo(62m));
            Assert.That(trace.Tables.Single().HitPolicy, Is.EqualTo("RULE ORDER"));
            Assert.That(trace.Tables.Single().MatchedRuleIds, Is.EqualTo(new[] { "r2", "r3" }));
            Assert.That(trace.Tables.Single().Inputs.Single(), Is.EqualTo(new DmnInputTrace("Age", 62m)));
            Assert.That(trace.Output, Is.EqualTo(new List<object?> { "adult", "senior" }));
        });
        var json = System.Text.Json.JsonSerializer.Serialize(result.Explanation);
        Assert.That(json, Does.Contain("\"MatchedRules\":[2,3]"));
    }

    [Test]
    public void Input_values_outside_the_declared_ones_are_an_error()
    {
        var xml = DmnXml.Definitions(DmnXml.Input("Status", "string") + """
            <decision id="d" name="D"><variable name="D"/><informationRequirement><requiredInput href="#i_Status"/></informationRequirement>
            <decisionTable><input><inputExpression><text>Status</text></inputExpression><inputValues><text>"A","B"</text></inputValues></input>
            <output name="o"/><rule><inputEntry><text>"A"</text></inputEntry><outputEntry><text>1</text></outputEntry></rule></decisionTable></decision>
            """);
        var error = Assert.Throws<DmnEvaluationException>(() => DmnEvaluator.Evaluate(DmnParser.Parse(xml), "d", new Dictionary<string, object?> { ["Status"] = "C" }))!;
        Assert.That(error.Message, Is.EqualTo("Decision 'd': input 1 'Status' is \"C\", which is not among its input values (\"A\",\"B\")"));
    }

    [Test]
    public void A_collect_aggregation_without_matches_gives_the_default_output_entry()
    {
        var xml = DmnXml.Definitions(DmnXml.Input("Age") + """
            <decision id="d" name="D"><variable name="D"/><informationRequirement><requiredInput href="#i_Age"/></informationRequirement>
            <decisionTable hitPolicy="COLLECT" aggregation="MAX"><input><inputExpression><text>Age</text></inputExpression></input>
            <output><defaultOutputEntry><text>0</text></defaultOutputEntry></output>
            <rule><inputEntry><text>&gt;= 60</text></inputEntry><outputEntry><text>5</text></outputEntry></rule></decisionTable></decision>
            """);
        var model = DmnParser.Parse(xml);
        Assert.That(DmnEvaluator.Evaluate(model, "d", new Dictionary<string, object?> { ["Age"] = 30 }).ToObject(), Is.EqualTo(0m));
        Assert.That(DmnEvaluator.Evaluate(model, "d", new Dictionary<string, object?> { ["Age"] = 70 }).ToObject(), Is.EqualTo(5m));
    }

    [Test]
    public void A_default_output_entry_applies_when_no_rule_matches()
    {
        var xml = DmnXml.Definitions(DmnXml.Input("Age") + """
            <decision id="d" name="D"><variable name="D"/><informationRequirement><requiredInput href="#i_Age"/></informationRequirement>
            <decisionTable><input><inputExpression><text>Age</text></inputExpression></input>
            <output name="o"><defaultOutputEntry><text>"none"</text></defaultOutputEntry></output>
            <rule><inputEntry><text>&lt; 18</text></inputEntry><outputEntry><text>"minor"</text></outputEntry></rule></decisionTable></decision>
            """);
        Assert.That(DmnEvaluator.Evaluate(DmnParser.Parse(xml), "d", new Dictionary<string, FeelValue> { ["Age"] = FeelNumber.Of(40) }).Value, Is.EqualTo(new FeelString("none")));
    }
}
