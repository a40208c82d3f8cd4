using Vupe.Dmn.Tck;

namespace Vupe.Dmn.Tests;

/// <summary>The DMN TCK compliance level 2 and 3 cases (Apache 2.0, tck/LICENSE-ASL-2.0.txt), through the tests/tck.sh code path.</summary>
public sealed class ConformanceTests
{
    [Test]
    public void Every_compliance_level_2_case_passes()
    {
        var report = TckRunner.Run(Path.Combine(TestContext.CurrentContext.TestDirectory, "tck", "compliance-level-2"));
        Assert.That(report.Failures.Select(f => f.ToString()), Is.Empty);
        Assert.That(report.Passed, Is.EqualTo(116), "every test case of the 28 level-2 folders ran");
    }

    [Test]
    public void Compliance_level_3_fails_exactly_the_known_gaps()
    {
        var tck = Path.Combine(TestContext.CurrentContext.TestDirectory, "tck");
        var report = TckRunner.Run(Path.Combine(tck, "compliance-level-3"));
        var known = File.ReadAllLines(Path.Combine(tck, "compliance-level-3.known-failures.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);
        var failed = report.Failures.Select(f => f.CaseId).ToHashSet(StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(report.Failures.Where(f => !known.Contains(f.CaseId)).Select(f => f.ToString()), Is.Empty, "new failures");
            Assert.That(known.Where(k => !failed.Contains(k)), Is.Empty, "cases that pass now: remove them from the known failures");
            Assert.That(report.Passed + report.Failed, Is.EqualTo(3275), "every test case of the 120 level-3 folders ran");
        });
    }

    [Test]
    public void A_wrong_expectation_is_reported_with_expected_and_actual()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vupe-tck-" + Guid.NewGuid().ToString("N"));
        var source = Path.Combine(TestContext.CurrentContext.TestDirectory, "tck", "compliance-level-2", "0116-count-collect-hitpolicy");
        var target = Path.Combine(folder, "0116-count-collect-hitpolicy");
        Directory.CreateDirectory(target);
        try
        {
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }

            var testFile = Directory.GetFiles(target, "*-test-01.xml").Single();
            File.WriteAllText(testFile, File.ReadAllText(testFile).Replace("\">4<", "\">5<", StringComparison.Ordinal));
            var report = TckRunner.Run(folder);
            Assert.That(report.Summary, Is.EqualTo("2 passed, 1 failed; 1 of 1 decisions and knowledge models compiled"));
            Assert.That(report.Failures.Single().ToString(), Is.EqualTo("FAIL 0116-count-collect-hitpolicy:001: 'Salary' expected 5 but was 4"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Numbers_compare_by_value_and_lists_and_contexts_by_element()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TckRunner.Matches(Feel.Feel.Parse("2878.69354943277").Evaluate(Feel.FeelScope.Empty), Feel.Feel.Parse("2878.6935494327717").Evaluate(Feel.FeelScope.Empty)), Is.True);
            Assert.That(TckRunner.Matches(Feel.Feel.Parse("1.0").Evaluate(Feel.FeelScope.Empty), Feel.Feel.Parse("1.1").Evaluate(Feel.FeelScope.Empty)), Is.False);
            Assert.That(TckRunner.Matches(Feel.Feel.Parse("[1, \"a\"]").Evaluate(Feel.FeelScope.Empty), Feel.Feel.Parse("[1.00, \"a\"]").Evaluate(Feel.FeelScope.Empty)), Is.True);
            Assert.That(TckRunner.Matches(Feel.Feel.Parse("{a: 1, b: null}").Evaluate(Feel.FeelScope.Empty), Feel.Feel.Parse("{b: null, a: 1}").Evaluate(Feel.FeelScope.Empty)), Is.True);
            Assert.That(TckRunner.Matches(Feel.Feel.Parse("{a: 1}").Evaluate(Feel.FeelScope.Empty), Feel.Feel.Parse("{a: 1, b: 2}").Evaluate(Feel.FeelScope.Empty)), Is.False);
        });
    }
}
