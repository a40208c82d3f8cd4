using System.Globalization;
using System.Xml.Linq;
using Vupe.Dmn;
using Vupe.Feel;

namespace Vupe.Dmn.Tck;

/// <summary>A test case that did not pass: its id ("case-folder:test-id") and why.</summary>
public sealed record TckFailure(string CaseId, string Message)
{
    public override string ToString() => $"FAIL {CaseId}: {Message}";
}

/// <summary>A decision (or business knowledge model) of a model that could not be compiled, and why.</summary>
public sealed record TckUncompiled(string Model, string Element, string Message)
{
    public override string ToString() => $"NOT COMPILED {Model}:{Element}: {Message}";
}

public sealed record TckReport(IReadOnlyList<string> PassedCases, IReadOnlyList<TckFailure> Failures, IReadOnlyList<TckUncompiled> Uncompiled, int Decisions)
{
    public int Passed => PassedCases.Count;

    public int Failed => Failures.Count;

    public string Summary => $"{Passed} passed, {Failed} failed; {Decisions - Uncompiled.Count} of {Decisions} decisions and knowledge models compiled";
}

/// <summary>
/// Runs a folder laid out like the DMN TCK's TestCases: every "*-test-*.xml" file under it (at any depth) names its
/// model (a .dmn file beside it); each test case's result nodes are evaluated and compared as the TCK says.
/// </summary>
public static class TckRunner
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static TckReport Run(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No such folder: {folder}");
        }

        var passed = new List<string>();
        var failures = new List<TckFailure>();
        var uncompiled = new List<TckUncompiled>();
        var models = new HashSet<string>(StringComparer.Ordinal);
        var decisions = 0;
        var testFiles = Directory.EnumerateFiles(folder, "*.xml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileNameWithoutExtension(f).Contains("-test-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var testFile in testFiles)
        {
            RunFile(testFile, testFiles, passed, failures, model =>
            {
                // Several test files may share a model: count its decisions once.
                if (models.Add(model.Path))
                {
                    var elements = model.Definitions.Decisions.Cast<DmnDrgElement>().Concat(model.Definitions.BusinessKnowledgeModels).ToList();
                    decisions += elements.Count;
                    var name = Path.GetRelativePath(folder, model.Path);
                    uncompiled.AddRange(elements.Where(e => e.CompileErrors.Count > 0).Select(e => new TckUncompiled(name, e.Label, string.Join("; ", e.CompileErrors))));
                }
            });
        }

        return new TckReport(passed, failures, uncompiled, decisions);
    }

    private static void RunFile(string testFile, List<string> allFiles, List<string> passed, List<TckFailure> failures, Action<(string Path, DmnDefinitions Definitions)> loaded)
    {
        var directory = Path.GetDirectoryName(testFile)!;
        var caseFolder = Path.GetFileName(directory);
        var siblings = allFiles.Count(f => Path.GetDirectoryName(f) == directory);
        var prefix = siblings > 1 ? $"{caseFolder}/{Path.GetFileNameWithoutExtension(testFile)}" : caseFolder;

        XDocument tests;
        try
        {
            // Whitespace is kept: an expected string may be a single space.
            tests = XDocument.Load(testFile, LoadOptions.PreserveWhitespace);
        }
        catch (System.Xml.XmlException e)
        {
            failures.Add(new TckFailure(prefix, $"test file is not well-formed: {e.Message}"));
            return;
        }

        var ns = tests.Root!.Name.Namespace;
        var cases = tests.Root.Elements(ns + "testCase").ToList();
        var modelName = tests.Root.Element(ns + "modelName")?.Value.Trim();
        DmnDefinitions? model = null;
        string? modelError = null;
        try
        {
            var modelPath = modelName is { Length: > 0 }
                ? Path.Combine(directory, modelName)
                : Directory.EnumerateFiles(directory, "*.dmn").Order(StringComparer.Ordinal).FirstOrDefault()
                    ?? throw new FileNotFoundException("no .dmn file beside the test file");
            model = DmnParser.ParseLenient(File.ReadAllText(modelPath));
            loaded((Path.GetFullPath(modelPath), model));
        }
        catch (Exception e) when (e is DmnModelException or IOException)
        {
            modelError = e.Message;
        }

        foreach (var testCase in cases)
        {
            var id = $"{prefix}:{testCase.Attribute("id")?.Value}";
            var message = model is null ? $"model rejected: {modelError}" : RunCase(model, testCase, ns);
            if (message is null)
            {
                passed.Add(id);
            }
            else
            {
                failures.Add(new TckFailure(id, message));
            }
        }
    }

    /// <summary>Returns null when the case passes, else what differed.</summary>
    private static string? RunCase(DmnDefinitions model, XElement testCase, XNamespace ns)
    {
        var type = testCase.Attribute("type")?.Value ?? "decision";
        var invocable = testCase.Attribute("invocableName")?.Value;
        if (type is not ("decision" or "decisionService" or "bkm") || (type != "decision" && invocable is null))
        {
            return $"test type '{type}' is not supported";
        }

        Dictionary<string, FeelValue> inputs;
        try
        {
            inputs = testCase.Elements(ns + "inputNode").ToDictionary(
                n => n.Attribute("name")?.Value ?? string.Empty,
                n => ReadHolder(n, ns),
                StringComparer.Ordinal);
        }
        catch (FormatException e)
        {
            return $"unreadable input: {e.Message}";
        }

        var problems = new List<string>();
        foreach (var resultNode in testCase.Elements(ns + "resultNode"))
        {
            var name = resultNode.Attribute("name")?.Value ?? string.Empty;
            var errorExpected = resultNode.Attribute("errorResult")?.Value == "true";
            var expectedElement = resultNode.Element(ns + "expected");
            var expected = expectedElement is null ? FeelNull.Instance : ReadHolder(expectedElement, ns);
            FeelValue? actual;
            string? error = null;
            try
            {
                actual = type switch
                {
                    "decisionService" => ServiceOutput(model, invocable!, name, DmnEvaluator.EvaluateDecisionService(model, invocable!, inputs).Value),
                    "bkm" => DmnEvaluator.InvokeBusinessKnowledgeModel(model, invocable!, inputs).Value,
                    _ => DmnEvaluator.Evaluate(model, name, inputs, inputsOverrideDecisions: true).Value,
                };
            }
            catch (DmnEvaluationException e)
            {
                actual = null;
                error = e.Message;
            }

            if (errorExpected)
            {
                if (actual is not null && !actual.IsNull)
                {
                    problems.Add($"'{name}' expected an error but was {actual}");
                }

                continue;
            }

            if (actual is null)
            {
                if (!expected.IsNull)
                {
                    problems.Add($"'{name}' expected {expected} but was error: {error}");
                }

                continue;
            }

            if (!Matches(expected, actual))
            {
                problems.Add($"'{name}' expected {expected} but was {actual}");
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    // A service with several output decisions gives a context; a result node names one of them (or the service).
    private static FeelValue ServiceOutput(DmnDefinitions model, string service, string resultName, FeelValue value) =>
        model.FindDecisionService(service) is { OutputDecisions.Count: > 1 } && value is FeelContext context && context.TryGet(resultName, out var entry)
            ? entry
            : value;

    /// <summary>Numbers by value, lists element-wise, contexts entry by entry, null for nil.</summary>
    public static bool Matches(FeelValue expected, FeelValue actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        switch (expected)
        {
            case FeelNull:
                return actual.IsNull;
            case FeelNumber e:
                return actual is FeelNumber a && NumbersMatch(e.Value, a.Value);
            case FeelList e:
                if (actual is not FeelList list || list.Count != e.Count)
                {
                    return false;
                }

                for (var i = 0; i < e.Count; i++)
                {
                    if (!Matches(e.Items[i], list.Items[i]))
                    {
                        return false;
                    }
                }

                return true;
            case FeelContext e:
                if (actual is not FeelContext context || context.Count != e.Count)
                {
                    return false;
                }

                foreach (var entry in e.Entries)
                {
                    if (!context.TryGet(entry.Key, out var value) || !Matches(entry.Value, value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return expected.Equals(actual);
        }
    }

    // Expected values in the TCK are printed with up to ~15 significant digits (from doubles); FEEL numbers here
    // are decimals with 28-29 digits. Equal when they agree to 1 part in 10^12.
    private static bool NumbersMatch(decimal expected, decimal actual)
    {
        if (expected == actual)
        {
            return true;
        }

        var scale = Math.Max(1m, Math.Abs(expected));
        return Math.Abs(expected - actual) <= scale * 0.000000000001m;
    }

    /// <summary>Reads an inputNode, expected, component or item: a value, a list or components.</summary>
    private static FeelValue ReadHolder(XElement holder, XNamespace ns)
    {
        if (holder.Element(ns + "value") is { } value)
        {
            return ReadValue(value);
        }

        if (holder.Element(ns + "list") is { } list)
        {
            return new FeelList(list.Elements(ns + "item").Select(i => ReadHolder(i, ns)).ToList());
        }

        var components = holder.Elements(ns + "component").ToList();
        if (components.Count > 0)
        {
            return new FeelContext(components.Select(c => new KeyValuePair<string, FeelValue>(c.Attribute("name")?.Value ?? string.Empty, ReadHolder(c, ns))).ToList());
        }

        return holder.Attribute(Xsi + "nil")?.Value == "true" ? FeelNull.Instance : FeelNull.Instance;
    }

    private static FeelValue ReadValue(XElement value)
    {
        if (value.Attribute(Xsi + "nil")?.Value == "true")
        {
            return FeelNull.Instance;
        }

        var type = value.Attribute(Xsi + "type")?.Value;
        var local = type is null ? null : type[(type.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var text = value.Value;
        return local switch
        {
            "decimal" or "double" or "float" or "int" or "integer" or "long" or "short" => ReadNumber(text.Trim()),
            "boolean" => FeelBoolean.Of(text.Trim() == "true" || text.Trim() == "1"),
            "date" => Literal("date", text),
            "dateTime" => Literal("date and time", text),
            "time" => Literal("time", text),
            "duration" or "dayTimeDuration" or "yearMonthDuration" => Literal("duration", text),
            _ => new FeelString(text),
        };
    }

    private static FeelValue ReadNumber(string text)
    {
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return FeelNumber.Of(number);
        }

        return text switch
        {
            "NaN" or "INF" or "-INF" => FeelNull.Instance,
            _ => throw new FormatException($"'{text}' is not a number"),
        };
    }

    private static FeelValue Literal(string function, string text) =>
        Feel.Feel.Parse($"{function}(\"{text.Trim()}\")").Evaluate(FeelScope.Empty);
}
