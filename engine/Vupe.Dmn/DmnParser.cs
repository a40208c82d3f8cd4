using System.Xml;
using System.Xml.Linq;
using Vupe.Feel;

namespace Vupe.Dmn;

/// <summary>
/// Reads DMN 1.1 to 1.5 XML into an immutable <see cref="DmnDefinitions"/>. Every FEEL text is parsed here, once;
/// a file with any problem (XML, FEEL syntax, unknown type, missing requirement) is rejected whole with every
/// problem listed.
/// </summary>
public static class DmnParser
{
    private static readonly HashSet<string> DmnNamespaces = new(StringComparer.Ordinal)
    {
        "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
        "http://www.omg.org/spec/DMN/20180521/MODEL/",
        "https://www.omg.org/spec/DMN/20191111/MODEL/",
        "https://www.omg.org/spec/DMN/20211108/MODEL/",
        "https://www.omg.org/spec/DMN/20230324/MODEL/",
    };

    private static readonly HashSet<string> ExpressionKinds = new(StringComparer.Ordinal)
    {
        "literalExpression", "decisionTable", "context", "invocation", "list", "relation", "functionDefinition",
        "conditional", "filter", "for", "every", "some",
    };

    /// <summary>Parses a DMN file. Throws <see cref="DmnModelException"/> listing every problem.</summary>
    public static DmnDefinitions Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new DmnModelException(DmnProblemText.NotWellFormedXml(e.Message));
        }

        return new Reader(document, lenient: false).Read();
    }

    /// <summary>
    /// Parses a DMN file for tools that run what they can (the TCK runner): a decision or business knowledge model
    /// with a problem is kept, marked with its problems (<see cref="DmnDrgElement.CompileErrors"/>), and raises them
    /// when evaluated; every problem is in <see cref="DmnDefinitions.CompileErrors"/>. Deployment uses
    /// <see cref="Parse"/>, which refuses such a file whole. Throws only when the file is not DMN at all.
    /// </summary>
    public static DmnDefinitions ParseLenient(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new DmnModelException($"The DMN file is not well-formed XML: {e.Message}");
        }

        return new Reader(document, lenient: true).Read();
    }

    private sealed class Reader(XDocument document, bool lenient)
    {
        private readonly List<string> errors = [];
        private readonly Dictionary<string, DmnType> itemDefinitions = new(StringComparer.Ordinal);
        private FeelParseOptions options = new();

        public DmnDefinitions Read()
        {
            var root = document.Root!;
            if (root.Name.LocalName != "definitions" || !DmnNamespaces.Contains(root.Name.NamespaceName))
            {
                throw new DmnModelException(DmnProblemText.NotDmn(root.Name.NamespaceName, root.Name.LocalName));
            }

            var ns = root.Name.Namespace;
            options = new FeelParseOptions { KnownNames = CollectNames(root), TypeResolver = StructuralType };

            var itemElements = root.Elements(ns + "itemDefinition").ToList();
            foreach (var element in itemElements)
            {
                var name = Attr(element, "name");
                if (string.IsNullOrEmpty(name))
                {
                    errors.Add(DmnProblemText.ItemDefinitionWithoutName(Line(element)));
                    continue;
                }

                itemDefinitions[name] = DmnType.CreateItemDefinition(name);
            }

            foreach (var element in itemElements)
            {
                if (Attr(element, "name") is { Length: > 0 } name)
                {
                    FillItemDefinition(itemDefinitions[name], element, DmnProblemText.ItemDefinitionAt(name));
                }
            }

            var inputs = new List<DmnInputData>();
            var inputsById = new Dictionary<string, DmnInputData>(StringComparer.Ordinal);
            foreach (var element in root.Elements(ns + "inputData"))
            {
                var name = Attr(element, "name") ?? string.Empty;
                var id = Attr(element, "id");
                var input = new DmnInputData(id, name, ResolveType(VariableTypeRef(element), DmnProblemText.InputDataAt(id ?? name)));
                inputs.Add(input);
                if (id is not null)
                {
                    inputsById[id] = input;
                }
            }

            var bkms = new List<(DmnBusinessKnowledgeModel Model, XElement Element)>();
            foreach (var element in root.Elements(ns + "businessKnowledgeModel"))
            {
                var name = Attr(element, "name") ?? string.Empty;
                var id = Attr(element, "id");
                var location = DmnProblemText.KnowledgeModelAt(id ?? name);
                var logicElement = element.Element(ns + "encapsulatedLogic");
                var logic = logicElement is null ? null : ReadFunctionDefinition(logicElement, location);
                bkms.Add((new DmnBusinessKnowledgeModel(id, name, logic), element));
            }

            var decisions = new List<(DmnDecision Model, XElement Element)>();
            foreach (var element in root.Elements(ns + "decision"))
            {
                var name = Attr(element, "name") ?? string.Empty;
                var id = Attr(element, "id");
                var location = DmnProblemText.DecisionAt(id ?? name);
                var type = ResolveType(VariableTypeRef(element), location);
                var expressionElement = element.Elements().FirstOrDefault(e => ExpressionKinds.Contains(e.Name.LocalName));
                var expression = expressionElement is null ? null : ReadExpression(expressionElement, location);
                decisions.Add((new DmnDecision(id, name, type, expression), element));
            }

            var decisionsById = decisions.Where(d => d.Model.Id is not null).ToDictionary(d => d.Model.Id!, d => d.Model, StringComparer.Ordinal);
            var bkmsById = bkms.Where(b => b.Model.Id is not null).ToDictionary(b => b.Model.Id!, b => b.Model, StringComparer.Ordinal);

            var services = new List<DmnDecisionService>();
            var invocables = bkms.Where(b => b.Model.Id is not null).ToDictionary(b => b.Model.Id!, b => (DmnDrgElement)b.Model, StringComparer.Ordinal);
            foreach (var element in root.Elements(ns + "decisionService"))
            {
                var service = new DmnDecisionService(Attr(element, "id"), Attr(element, "name") ?? string.Empty);
                var location = DmnProblemText.DecisionServiceAt(service.Label);
                service.OutputDecisions = References(element, "outputDecision", decisionsById, location, DmnTarget.Decision);
                service.EncapsulatedDecisions = References(element, "encapsulatedDecision", decisionsById, location, DmnTarget.Decision);
                service.InputDecisions = References(element, "inputDecision", decisionsById, location, DmnTarget.Decision);
                service.InputData = References(element, "inputData", inputsById, location, DmnTarget.InputData);
                services.Add(service);
                if (service.Id is not null)
                {
                    invocables[service.Id] = service;
                }
            }

            foreach (var (decision, element) in decisions)
            {
                var location = DmnProblemText.DecisionAt(decision.Label);
                decision.RequiredDecisions = Resolve(element, "informationRequirement", "requiredDecision", decisionsById, location, DmnTarget.Decision);
                decision.RequiredInputs = Resolve(element, "informationRequirement", "requiredInput", inputsById, location, DmnTarget.InputData);
                decision.RequiredKnowledge = Resolve(element, "knowledgeRequirement", "requiredKnowledge", invocables, location, DmnTarget.Invocable)
                    .OfType<DmnBusinessKnowledgeModel>().ToList();
            }

            foreach (var (bkm, element) in bkms)
            {
                bkm.RequiredKnowledge = Resolve(element, "knowledgeRequirement", "requiredKnowledge", invocables, DmnProblemText.KnowledgeModelAt(bkm.Label), DmnTarget.Invocable)
                    .OfType<DmnBusinessKnowledgeModel>().ToList();
            }

            CheckCycles(decisions.Select(d => d.Model).ToList());
            CheckUndeclaredReads(decisions.Select(d => d.Model).ToList(), inputs);

            if (errors.Count > 0 && !lenient)
            {
                throw new DmnModelException(errors);
            }

            foreach (var element in decisions.Select(d => (DmnDrgElement)d.Model).Concat(bkms.Select(b => b.Model)))
            {
                // Every message about an element starts with its kind and label (see the locations above).
                var prefix = (element is DmnDecision ? "Decision '" : "Business knowledge model '") + element.Label + "'";
                element.CompileErrors = errors.Where(e => e.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            }

            return new DmnDefinitions(
                Attr(root, "id"),
                Attr(root, "name"),
                Attr(root, "namespace"),
                itemDefinitions,
                decisions.Select(d => d.Model).ToList(),
                bkms.Select(b => b.Model).ToList(),
                inputs,
                services)
            {
                CompileErrors = errors,
            };
        }

        /// <summary>"#id", or "namespace#id" when the namespace is this file's own (a local qualified href, DMN 1.5).</summary>
        private string LocalId(string href)
        {
            var hash = href.IndexOf('#', StringComparison.Ordinal);
            return hash == 0 || (hash > 0 && string.Equals(href[..hash], Attr(document.Root, "namespace"), StringComparison.Ordinal))
                ? href[(hash + 1)..]
                : href;
        }

        /// <summary>An item definition as FEEL type text, for 'instance of' (allowed values are constraints, not part of the type).</summary>
        private string? StructuralType(string name)
        {
            var local = name.Contains(':', StringComparison.Ordinal) ? name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..] : name;
            return itemDefinitions.TryGetValue(local, out var type) ? Structure(type, depth: 0) : null;
        }

        private static string Structure(DmnType type, int depth)
        {
            if (depth > 32)
            {
                return "Any"; // a recursive item definition: deeper levels are not checked
            }

            var element = type.Components.Count > 0
                ? "context<" + string.Join(", ", type.Components.Select(c => $"{c.Key}: {Structure(c.Value, depth + 1)}")) + ">"
                : type.BaseType is { } baseType ? Structure(baseType, depth + 1)
                : type.BuiltIn ?? "Any";
            return type.IsCollection ? $"list<{element}>" : element;
        }

        private List<T> References<T>(XElement element, string kind, Dictionary<string, T> byId, string location, DmnTarget what)
        {
            var found = new List<T>();
            foreach (var reference in element.Elements(element.Name.Namespace + kind))
            {
                var href = Attr(reference, "href") ?? string.Empty;
                var id = LocalId(href);
                if (byId.TryGetValue(id, out var target))
                {
                    found.Add(target);
                }
                else
                {
                    errors.Add(DmnProblemText.BrokenReference(location, kind, Line(reference), what, href));
                }
            }

            return found;
        }

        /// <summary>
        /// A decision whose FEEL reads an input data or another decision of the file by name without
        /// a requirement on it would silently read null: that is a missing requirement.
        /// </summary>
        private void CheckUndeclaredReads(List<DmnDecision> decisions, List<DmnInputData> inputs)
        {
            var drgNames = new HashSet<string>(StringComparer.Ordinal);
            drgNames.UnionWith(decisions.Select(d => d.Name));
            drgNames.UnionWith(inputs.Select(i => i.Name));
            foreach (var decision in decisions)
            {
                if (decision.Expression is null)
                {
                    continue;
                }

                var read = new HashSet<string>(StringComparer.Ordinal);
                var bound = new HashSet<string>(StringComparer.Ordinal);
                Walk(decision.Expression, read, bound);
                var visible = new HashSet<string>(StringComparer.Ordinal) { decision.Name };
                visible.UnionWith(decision.RequiredDecisions.Select(d => d.Name));
                visible.UnionWith(decision.RequiredInputs.Select(i => i.Name));
                foreach (var name in read.Where(n => drgNames.Contains(n) && !visible.Contains(n) && !bound.Contains(n)).Order(StringComparer.Ordinal))
                {
                    var kind = inputs.Any(i => i.Name == name) ? DmnTarget.InputData : DmnTarget.Decision;
                    errors.Add(DmnProblemText.UndeclaredRead(decision.Label, kind, name));
                }
            }
        }

        private static void Walk(DmnExpression? expression, HashSet<string> read, HashSet<string> bound)
        {
            switch (expression)
            {
                case DmnLiteralExpression literal when literal.Feel is not null:
                    read.UnionWith(literal.Feel.FreeVariables);
                    break;
                case DmnDecisionTable table:
                    foreach (var input in table.Inputs)
                    {
                        read.UnionWith(input.Expression.FreeVariables);
                    }

                    foreach (var rule in table.Rules)
                    {
                        foreach (var test in rule.InputEntries)
                        {
                            if (test is not null)
                            {
                                read.UnionWith(test.FreeVariables);
                            }
                        }

                        foreach (var output in rule.OutputEntries)
                        {
                            if (output is not null)
                            {
                                read.UnionWith(output.FreeVariables);
                            }
                        }
                    }

                    break;
                case DmnContextExpression context:
                    foreach (var entry in context.Entries)
                    {
                        if (entry.Name is not null)
                        {
                            bound.Add(entry.Name);
                        }

                        Walk(entry.Value, read, bound);
                    }

                    break;
                case DmnListExpression list:
                    foreach (var item in list.Items)
                    {
                        Walk(item, read, bound);
                    }

                    break;
                case DmnRelation relation:
                    foreach (var cell in relation.Rows.SelectMany(r => r))
                    {
                        Walk(cell, read, bound);
                    }

                    break;
                case DmnInvocation invocation:
                    read.UnionWith(invocation.Function.FreeVariables);
                    foreach (var binding in invocation.Bindings)
                    {
                        Walk(binding.Value, read, bound);
                    }

                    break;
                case DmnFunctionDefinition function:
                    bound.UnionWith(function.Parameters.Select(p => p.Name));
                    Walk(function.Body, read, bound);
                    break;
                case DmnConditional conditional:
                    Walk(conditional.Condition, read, bound);
                    Walk(conditional.Then, read, bound);
                    Walk(conditional.Else, read, bound);
                    break;
                case DmnFilter filter:
                    bound.Add("item");
                    Walk(filter.Source, read, bound);
                    Walk(filter.Match, read, bound);
                    break;
                case DmnIterator iterator:
                    bound.Add(iterator.Variable);
                    Walk(iterator.Source, read, bound);
                    Walk(iterator.Body, read, bound);
                    break;
            }
        }

        private static string[] CollectNames(XElement root) =>
            root.Descendants()
                .Where(e => DmnNamespaces.Contains(e.Name.NamespaceName))
                .Select(e => Attr(e, "name"))
                .Where(n => !string.IsNullOrWhiteSpace(n))
                .Select(n => n!)
                .Distinct(StringComparer.Ordinal)
                .ToArray();

        private void CheckCycles(List<DmnDecision> decisions)
        {
            var state = new Dictionary<DmnDecision, int>();
            foreach (var decision in decisions)
            {
                Visit(decision, []);
            }

            void Visit(DmnDecision decision, List<DmnDecision> path)
            {
                var current = state.GetValueOrDefault(decision);
                if (current == 2)
                {
                    return;
                }

                if (current == 1)
                {
                    var cycle = path.SkipWhile(d => d != decision).Append(decision).Select(d => d.Label);
                    errors.Add(DmnProblemText.RequiresItself(decision.Label, string.Join(" -> ", cycle)));
                    return;
                }

                state[decision] = 1;
                path.Add(decision);
                foreach (var required in decision.RequiredDecisions)
                {
                    Visit(required, path);
                }

                path.RemoveAt(path.Count - 1);
                state[decision] = 2;
            }
        }

        private List<T> Resolve<T>(XElement element, string requirement, string kind, Dictionary<string, T> byId, string location, DmnTarget what)
        {
            var found = new List<T>();
            foreach (var reference in element.Elements(element.Name.Namespace + requirement).Elements(element.Name.Namespace + kind))
            {
                var href = Attr(reference, "href") ?? string.Empty;
                var id = LocalId(href);
                if (byId.TryGetValue(id, out var target))
                {
                    found.Add(target);
                }
                else
                {
                    errors.Add(DmnProblemText.BrokenReference(location, requirement, Line(reference), what, href));
                }
            }

            return found;
        }

        private void FillItemDefinition(DmnType type, XElement element, string location)
        {
            var ns = element.Name.Namespace;
            type.IsCollection = string.Equals(Attr(element, "isCollection"), "true", StringComparison.OrdinalIgnoreCase);
            var typeRef = element.Element(ns + "typeRef")?.Value.Trim() ?? Attr(element, "typeRef");
            if (!string.IsNullOrEmpty(typeRef))
            {
                if (typeRef == type.Name)
                {
                    errors.Add(DmnProblemText.TypeRefToItself(location));
                }
                else
                {
                    type.BaseType = ResolveType(typeRef, location);
                }
            }

            if (element.Element(ns + "allowedValues")?.Element(ns + "text")?.Value is { } allowed && allowed.Trim().Length > 0)
            {
                type.AllowedValues = ParseTests(allowed, DmnProblemText.AllowedValues(location));
            }

            var components = new List<KeyValuePair<string, DmnType>>();
            foreach (var component in element.Elements(ns + "itemComponent"))
            {
                var name = Attr(component, "name") ?? string.Empty;
                var componentType = DmnType.CreateItemDefinition(name);
                FillItemDefinition(componentType, component, DmnProblemText.ComponentAt(location, name));
                components.Add(new KeyValuePair<string, DmnType>(name, componentType));
            }

            type.Components = components;
        }

        private DmnType? ResolveType(string? typeRef, string location)
        {
            if (string.IsNullOrWhiteSpace(typeRef))
            {
                return null;
            }

            typeRef = typeRef.Trim();
            if (DmnType.TryBuiltIn(typeRef) is { } builtIn)
            {
                return builtIn;
            }

            if (itemDefinitions.TryGetValue(typeRef, out var item))
            {
                return item;
            }

            var colon = typeRef.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && itemDefinitions.TryGetValue(typeRef[(colon + 1)..], out item))
            {
                return item;
            }

            errors.Add(DmnProblemText.UnknownType(location, typeRef));
            return null;
        }

        private static string? VariableTypeRef(XElement element) =>
            Attr(element.Element(element.Name.Namespace + "variable"), "typeRef");

        private DmnExpression? ReadExpression(XElement element, string location)
        {
            var ns = element.Name.Namespace;
            var id = Attr(element, "id");
            var type = ResolveType(Attr(element, "typeRef"), location);
            switch (element.Name.LocalName)
            {
                case "literalExpression":
                    var text = element.Element(ns + "text")?.Value;
                    return new DmnLiteralExpression(id, type, string.IsNullOrWhiteSpace(text) ? null : ParseFeel(text, location));
                case "decisionTable":
                    return ReadDecisionTable(element, id, type, location);
                case "context":
                    var entries = new List<DmnContextEntry>();
                    var n = 0;
                    foreach (var entry in element.Elements(ns + "contextEntry"))
                    {
                        n++;
                        var variable = entry.Element(ns + "variable");
                        var name = Attr(variable, "name");
                        var entryLocation = DmnProblemText.ContextEntryAt(location, n, name);
                        var valueElement = entry.Elements().FirstOrDefault(e => ExpressionKinds.Contains(e.Name.LocalName));
                        entries.Add(new DmnContextEntry(
                            name,
                            ResolveType(Attr(variable, "typeRef"), entryLocation),
                            valueElement is null ? null : ReadExpression(valueElement, entryLocation)));
                    }

                    return new DmnContextExpression(id, type, entries);
                case "invocation":
                    var calleeElement = element.Elements().FirstOrDefault(e => ExpressionKinds.Contains(e.Name.LocalName));
                    var callee = calleeElement?.Element(ns + "text")?.Value;
                    if (string.IsNullOrWhiteSpace(callee))
                    {
                        errors.Add(DmnProblemText.InvocationWithoutFunction(location));
                        return null;
                    }

                    var bindings = new List<DmnBinding>();
                    foreach (var binding in element.Elements(ns + "binding"))
                    {
                        var parameter = Attr(binding.Element(ns + "parameter"), "name") ?? string.Empty;
                        var valueElement = binding.Elements().FirstOrDefault(e => ExpressionKinds.Contains(e.Name.LocalName));
                        bindings.Add(new DmnBinding(parameter, valueElement is null ? null : ReadExpression(valueElement, DmnProblemText.BindingAt(location, parameter))));
                    }

                    var function = ParseFeel(callee, DmnProblemText.InvokedFunction(location));
                    return function is null ? null : new DmnInvocation(id, type, function, bindings);
                case "list":
                    var items = element.Elements()
                        .Where(e => ExpressionKinds.Contains(e.Name.LocalName))
                        .Select((e, i) => ReadExpression(e, DmnProblemText.ListItemAt(location, i + 1)) ?? new DmnLiteralExpression(null, null, null))
                        .ToList();
                    return new DmnListExpression(id, type, items);
                case "relation":
                    var columns = element.Elements(ns + "column").Select(c => Attr(c, "name") ?? string.Empty).ToList();
                    var rows = element.Elements(ns + "row")
                        .Select((row, r) => (IReadOnlyList<DmnExpression?>)row.Elements()
                            .Where(e => ExpressionKinds.Contains(e.Name.LocalName))
                            .Select((cell, c) => ReadExpression(cell, DmnProblemText.RelationCellAt(location, r + 1, c + 1)))
                            .ToList())
                        .ToList();
                    return new DmnRelation(id, type, columns, rows);
                case "functionDefinition":
                    return ReadFunctionDefinition(element, location);
                case "conditional":
                    return new DmnConditional(
                        id,
                        type,
                        Child(element, "if", DmnProblemText.ConditionalPart(location, "if")),
                        Child(element, "then", DmnProblemText.ConditionalPart(location, "then")),
                        Child(element, "else", DmnProblemText.ConditionalPart(location, "else")));
                case "filter":
                    return new DmnFilter(id, type, Child(element, "in", DmnProblemText.FilterSource(location)), Child(element, "match", DmnProblemText.FilterMatch(location)));
                default:
                    var kind = element.Name.LocalName switch
                    {
                        "for" => DmnIteratorKind.For,
                        "every" => DmnIteratorKind.Every,
                        _ => DmnIteratorKind.Some,
                    };
                    var variableName = Attr(element, "iteratorVariable");
                    if (string.IsNullOrEmpty(variableName))
                    {
                        errors.Add(DmnProblemText.IteratorWithoutVariable(location, element.Name.LocalName));
                        return null;
                    }

                    return new DmnIterator(
                        id,
                        type,
                        kind,
                        variableName,
                        Child(element, "in", DmnProblemText.IteratorSource(location, element.Name.LocalName)),
                        Child(element, kind == DmnIteratorKind.For ? "return" : "satisfies", DmnProblemText.IteratorBody(location, element.Name.LocalName)));
            }
        }

        /// <summary>The expression inside a DMN 1.4 child element (if, then, else, in, match, return, satisfies).</summary>
        private DmnExpression? Child(XElement element, string name, string location)
        {
            var child = element.Element(element.Name.Namespace + name);
            var expression = child?.Elements().FirstOrDefault(e => ExpressionKinds.Contains(e.Name.LocalName));
            if (expression is null)
            {
                errors.Add(DmnProblemText.MissingExpression(location));
                return null;
            }

            return ReadExpression(expression, location);
        }

        private DmnFunctionDefinition? ReadFunctionDefinition(XElement element, string location)
        {
            var ns = element.Name.Namespace;
            var kind = Attr(element, "kind");
            if (kind is not null && kind != "FEEL")
            {
                errors.Add(DmnProblemText.UnsupportedFunctionKind(location, kind));
                return null;
            }

            var parameters = element.Elements(ns + "formalParameter")
                .Select(p => new DmnParameter(Attr(p, "name") ?? string.Empty, ResolveType(Attr(p, "typeRef"), DmnProblemText.ParameterAt(location, Attr(p, "name")))))
                .ToList();
            var bodyElement = element.Elements().FirstOrDefault(e => ExpressionKinds.Contains(e.Name.LocalName));
            var body = bodyElement is null ? null : ReadExpression(bodyElement, location);
            return new DmnFunctionDefinition(Attr(element, "id"), ResolveType(Attr(element, "typeRef"), location), parameters, body);
        }

        private DmnDecisionTable? ReadDecisionTable(XElement element, string? id, DmnType? type, string location)
        {
            var ns = element.Name.Namespace;
            var hitPolicyText = Attr(element, "hitPolicy") ?? "UNIQUE";
            DmnHitPolicy? hitPolicy = hitPolicyText switch
            {
                "UNIQUE" => DmnHitPolicy.Unique,
                "ANY" => DmnHitPolicy.Any,
                "PRIORITY" => DmnHitPolicy.Priority,
                "FIRST" => DmnHitPolicy.First,
                "OUTPUT ORDER" => DmnHitPolicy.OutputOrder,
                "RULE ORDER" => DmnHitPolicy.RuleOrder,
                "COLLECT" => DmnHitPolicy.Collect,
                _ => null,
            };
            if (hitPolicy is null)
            {
                errors.Add(DmnProblemText.UnknownHitPolicy(location, hitPolicyText));
                return null;
            }

            var aggregationText = Attr(element, "aggregation");
            DmnAggregation? aggregation = aggregationText switch
            {
                null or "" => DmnAggregation.None,
                "SUM" => DmnAggregation.Sum,
                "MIN" => DmnAggregation.Min,
                "MAX" => DmnAggregation.Max,
                "COUNT" => DmnAggregation.Count,
                _ => null,
            };
            if (aggregation is null || (aggregation != DmnAggregation.None && hitPolicy != DmnHitPolicy.Collect))
            {
                errors.Add(DmnProblemText.BadAggregation(location, aggregationText, hitPolicyText));
                return null;
            }

            var inputs = new List<DmnTableInput>();
            var column = 0;
            foreach (var input in element.Elements(ns + "input"))
            {
                column++;
                var inputLocation = DmnProblemText.TableInputAt(location, column);
                var expressionElement = input.Element(ns + "inputExpression");
                var text = expressionElement?.Element(ns + "text")?.Value;
                var label = Attr(input, "label") ?? text?.Trim() ?? $"input {column}";
                var expression = string.IsNullOrWhiteSpace(text) ? null : ParseFeel(text, DmnProblemText.InputExpression(inputLocation, label));
                if (expression is null)
                {
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        errors.Add(DmnProblemText.InputWithoutExpression(inputLocation));
                    }

                    continue;
                }

                var values = input.Element(ns + "inputValues")?.Element(ns + "text")?.Value;
                inputs.Add(new DmnTableInput(
                    Attr(input, "id"),
                    label,
                    expression,
                    ResolveType(Attr(expressionElement, "typeRef"), inputLocation),
                    string.IsNullOrWhiteSpace(values) ? null : ParseTests(values, DmnProblemText.InputValues(inputLocation))));
            }

            var outputs = new List<DmnTableOutput>();
            column = 0;
            foreach (var output in element.Elements(ns + "output"))
            {
                column++;
                var outputLocation = DmnProblemText.TableOutputAt(location, column);
                var values = output.Element(ns + "outputValues")?.Element(ns + "text")?.Value;
                var defaultText = output.Element(ns + "defaultOutputEntry")?.Element(ns + "text")?.Value;
                outputs.Add(new DmnTableOutput(
                    Attr(output, "id"),
                    Attr(output, "name"),
                    ResolveType(Attr(output, "typeRef"), outputLocation),
                    string.IsNullOrWhiteSpace(values) ? null : ParseTests(values, DmnProblemText.OutputValues(outputLocation)),
                    string.IsNullOrWhiteSpace(values) ? null : Priorities(values),
                    string.IsNullOrWhiteSpace(defaultText) ? null : ParseFeel(defaultText, DmnProblemText.DefaultOutputEntry(outputLocation))));
            }

            if (outputs.Count == 0)
            {
                errors.Add(DmnProblemText.TableWithoutOutput(location));
            }
            else if (outputs.Count > 1 && outputs.Any(o => string.IsNullOrEmpty(o.Name)))
            {
                errors.Add(DmnProblemText.UnnamedOutputs(location));
            }

            if (aggregation != DmnAggregation.None && outputs.Count > 1)
            {
                errors.Add(DmnProblemText.CollectNeedsOneOutput(location, aggregationText));
            }

            var rules = new List<DmnRule>();
            var number = 0;
            foreach (var rule in element.Elements(ns + "rule"))
            {
                number++;
                var ruleLocation = DmnProblemText.RuleAt(location, number);
                var inputEntries = rule.Elements(ns + "inputEntry").ToList();
                var outputEntries = rule.Elements(ns + "outputEntry").ToList();
                if (inputEntries.Count != inputs.Count)
                {
                    errors.Add(DmnProblemText.InputEntryCount(ruleLocation, inputEntries.Count, inputs.Count));
                }

                if (outputEntries.Count != outputs.Count)
                {
                    errors.Add(DmnProblemText.OutputEntryCount(ruleLocation, outputEntries.Count, outputs.Count));
                }

                var tests = inputEntries.Select((entry, i) =>
                {
                    var text = entry.Element(ns + "text")?.Value ?? string.Empty;
                    return string.IsNullOrWhiteSpace(text) || text.Trim() == "-" ? null : ParseTests(text, DmnProblemText.InputEntryAt(ruleLocation, i + 1));
                }).ToList();
                var results = outputEntries.Select((entry, i) =>
                {
                    var text = entry.Element(ns + "text")?.Value ?? string.Empty;
                    return string.IsNullOrWhiteSpace(text) ? null : ParseFeel(text, DmnProblemText.OutputEntryAt(ruleLocation, i + 1));
                }).ToList();
                var annotation = rule.Elements(ns + "annotationEntry").Select(a => a.Element(ns + "text")?.Value).FirstOrDefault()
                    ?? rule.Element(ns + "description")?.Value;
                rules.Add(new DmnRule(number, Attr(rule, "id"), tests, results, annotation));
            }

            var table = new DmnDecisionTable(id, type, hitPolicy.Value, aggregation.Value, inputs, outputs, rules);
            foreach (var violation in table.ConstantOutputViolations())
            {
                errors.Add($"{location}, {violation}");
            }

            return table;
        }

        private IReadOnlyList<FeelValue>? Priorities(string outputValues)
        {
            try
            {
                return Feel.Feel.Parse("[" + outputValues + "]", options).Evaluate(FeelScope.Empty) is FeelList list ? list.Items : null;
            }
            catch (FeelSyntaxException)
            {
                return null; // Ranges or tests, not a list of values: no priorities.
            }
        }

        private FeelExpression? ParseFeel(string text, string location)
        {
            try
            {
                return Feel.Feel.Parse(text, options);
            }
            catch (FeelSyntaxException e)
            {
                errors.Add(SyntaxError(location, text, e));
                return null;
            }
        }

        private FeelUnaryTests? ParseTests(string text, string location)
        {
            try
            {
                return Feel.Feel.ParseUnaryTests(text, options);
            }
            catch (FeelSyntaxException e)
            {
                errors.Add(SyntaxError(location, text, e));
                return null;
            }
        }

        private static string SyntaxError(string location, string text, FeelSyntaxException e) =>
            DmnProblemText.FeelSyntaxError(location, e.Position, e.Line, e.Column, text.Trim(), e.Reason);

        private static string? Attr(XElement? element, string name) => element?.Attribute(name)?.Value;

        private static int Line(XElement element) => ((IXmlLineInfo)element).LineNumber;
    }
}
