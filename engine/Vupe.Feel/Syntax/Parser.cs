using System.Globalization;
using Vupe.Feel.Ast;
using Vupe.Feel.Ast.Operators;
using Vupe.Feel.Ast.UnaryTests;

namespace Vupe.Feel.Syntax;

/// <summary>
/// Recursive-descent parser, one method per precedence level (lowest first: or, and, comparison/between/in/
/// instance of, + -, * /, **, unary -, postfix . [] ()).
/// </summary>
/// <remarks>
/// Hand-written rather than built on Superpower or Parlot: FEEL names may contain spaces and even keywords
/// ("date and time", "Applicant Age"), which needs longest-match against a runtime list of known names plus
/// joining of adjacent name tokens; the grammar also needs backtracking between "(1..5]" and "(1, 2)" after
/// 'in'. With combinators both became more code than this parser, and worse error messages.
/// </remarks>
internal sealed class Parser
{
    private const int MaxDepth = 150;

    private readonly SourceText source;
    private readonly List<Token> tokens;
    private int index;
    private int depth;
    private int inputReferences;
    private bool parsingRangeEnd;
    private Func<string, string?>? typeResolver;

    private Parser(SourceText source, NameMatcher names)
    {
        this.source = source;
        tokens = new Lexer(source, names).Tokenize();
    }

    public List<FeelFunctionCall> FunctionCalls { get; } = [];

    private Token Current => tokens[index];

    public static (Node Expression, List<FeelFunctionCall> Calls) ParseExpression(SourceText source, NameMatcher names, Func<string, string?>? typeResolver = null)
    {
        var parser = new Parser(source, names) { typeResolver = typeResolver };
        if (parser.Current.Kind == TokenKind.End)
        {
            throw parser.Error(parser.Current, ErrorMessages.EmptyExpression);
        }

        var node = parser.ParseExpression();
        parser.ExpectEnd();
        return (node, parser.FunctionCalls);
    }

    public static (IReadOnlyList<UnaryTest> Tests, List<FeelFunctionCall> Calls) ParseUnaryTests(SourceText source, NameMatcher names, Func<string, string?>? typeResolver = null)
    {
        var parser = new Parser(source, names) { typeResolver = typeResolver };
        return (parser.ParseUnaryTestsToEnd(), parser.FunctionCalls);
    }

    private List<UnaryTest> ParseUnaryTestsToEnd()
    {
        var first = Current;
        if (first.Kind == TokenKind.End)
        {
            return [new AnyTest(0)];
        }

        if (first.Kind == TokenKind.Minus && Peek(1).Kind == TokenKind.End)
        {
            return [new AnyTest(first.Position)];
        }

        if (first.IsName("not") && Peek(1).Kind == TokenKind.OpenParen)
        {
            var saved = index;
            index += 2;
            var negated = ParsePositiveUnaryTests(full: true);
            if (Current.Kind == TokenKind.CloseParen && Peek(1).Kind == TokenKind.End)
            {
                Advance();
                return [new NotTest(first.Position, negated)];
            }

            // Not a negation of tests after all: an expression such as not(x) = y.
            index = saved;
            FunctionCalls.Clear();
        }

        var tests = ParsePositiveUnaryTests(full: true);
        ExpectEnd();
        return tests;
    }

    private List<UnaryTest> ParsePositiveUnaryTests(bool full)
    {
        var tests = new List<UnaryTest> { ParsePositiveUnaryTest(full) };
        while (Current.Kind == TokenKind.Comma)
        {
            Advance();
            tests.Add(ParsePositiveUnaryTest(full));
        }

        return tests;
    }

    /// <param name="full">True in a DMN input entry (a whole expression); false right of 'in', where 'and'/'or' end the test.</param>
    private UnaryTest ParsePositiveUnaryTest(bool full)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.Equal or TokenKind.NotEqual:
                Advance();
                return new ComparisonTest(token.Position, token.Kind, ParseAdditive());
            default:
                var before = inputReferences;
                var expression = full ? ParseExpression() : ParseAdditive();
                return new ExpressionTest(expression.Position, expression, inputReferences > before);
        }
    }

    private Node ParseExpression()
    {
        if (++depth > MaxDepth)
        {
            throw Error(Current, ErrorMessages.TooDeep);
        }

        try
        {
            return ParseDisjunction();
        }
        finally
        {
            depth--;
        }
    }

    private Node ParseDisjunction()
    {
        var left = ParseConjunction();
        while (Current.IsName("or"))
        {
            var op = Advance();
            left = new OrNode(op.Position, left, ParseConjunction());
        }

        return left;
    }

    private Node ParseConjunction()
    {
        var left = ParseComparison();
        while (Current.IsName("and"))
        {
            var op = Advance();
            left = new AndNode(op.Position, left, ParseComparison());
        }

        return left;
    }

    private Node ParseComparison()
    {
        var left = ParseAdditive();
        while (true)
        {
            var op = Current;
            switch (op.Kind)
            {
                case TokenKind.Equal:
                    Advance();
                    left = new EqualNode(op.Position, left, ParseAdditive());
                    continue;
                case TokenKind.NotEqual:
                    Advance();
                    left = new NotEqualNode(op.Position, left, ParseAdditive());
                    continue;
                case TokenKind.Less:
                    Advance();
                    left = new LessThanNode(op.Position, left, ParseAdditive());
                    continue;
                case TokenKind.LessEqual:
                    Advance();
                    left = new LessThanOrEqualNode(op.Position, left, ParseAdditive());
                    continue;
                case TokenKind.Greater:
                    Advance();
                    left = new GreaterThanNode(op.Position, left, ParseAdditive());
                    continue;
                case TokenKind.GreaterEqual:
                    Advance();
                    left = new GreaterThanOrEqualNode(op.Position, left, ParseAdditive());
                    continue;
            }

            if (op.IsName("between"))
            {
                Advance();
                var low = ParseAdditive();
                Expect("and", "'and' between the bounds of 'between'");
                left = new BetweenNode(op.Position, left, low, ParseAdditive());
            }
            else if (op.IsName("in"))
            {
                Advance();
                left = new InNode(op.Position, left, ParseInTests());
            }
            else if (op.IsName("instance"))
            {
                Advance();
                Expect("of", "'of' after 'instance'");
                left = new InstanceOfNode(op.Position, left, ParseType());
            }
            else
            {
                return left;
            }
        }
    }

    /// <summary>The right side of 'in': one positive unary test, or a parenthesised list of them.</summary>
    private List<UnaryTest> ParseInTests()
    {
        if (Current.Kind != TokenKind.OpenParen)
        {
            return [ParsePositiveUnaryTest(full: false)];
        }

        var open = Advance();
        var saved = index;
        var savedCalls = FunctionCalls.Count;
        var first = ParsePositiveUnaryTest(full: true);
        if (Current.Kind == TokenKind.DotDot)
        {
            // "(1..5]" is an interval, not a list of tests: re-read it as a single test.
            index = saved - 1;
            FunctionCalls.RemoveRange(savedCalls, FunctionCalls.Count - savedCalls);
            return [ParsePositiveUnaryTest(full: false)];
        }

        var tests = new List<UnaryTest> { first };
        while (Current.Kind == TokenKind.Comma)
        {
            Advance();
            tests.Add(ParsePositiveUnaryTest(full: true));
        }

        ExpectClose(TokenKind.CloseParen, open);
        return tests;
    }

    private Node ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance();
            var right = ParseMultiplicative();
            left = op.Kind == TokenKind.Plus ? new AdditionNode(op.Position, left, right) : new SubtractionNode(op.Position, left, right);
        }

        return left;
    }

    private Node ParseMultiplicative()
    {
        var left = ParseExponentiation();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Advance();
            var right = ParseExponentiation();
            left = op.Kind == TokenKind.Star ? new MultiplicationNode(op.Position, left, right) : new DivisionNode(op.Position, left, right);
        }

        return left;
    }

    private Node ParseExponentiation()
    {
        var left = ParseUnary();
        while (Current.Kind == TokenKind.StarStar)
        {
            var op = Advance();
            left = new ExponentiationNode(op.Position, left, ParseUnary());
        }

        return left;
    }

    private Node ParseUnary()
    {
        if (Current.Kind != TokenKind.Minus)
        {
            return ParsePostfix();
        }

        var minus = Advance();
        if (++depth > MaxDepth)
        {
            throw Error(Current, ErrorMessages.TooDeep);
        }

        try
        {
            var operand = ParseUnary();

            // Fold "-5" into a literal so that list[-1] and constants cost nothing at run time.
            return operand is LiteralNode { Value: FeelNumber n }
                ? new LiteralNode(minus.Position, new FeelNumber(-n.Value))
                : new NegationNode(minus.Position, operand);
        }
        finally
        {
            depth--;
        }
    }

    private Node ParsePostfix()
    {
        var node = ParsePrimary();
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Dot:
                    Advance();
                    if (Current.Kind != TokenKind.Name)
                    {
                        throw Error(Current, ErrorMessages.Expected("a name after '.'", Current));
                    }

                    var (member, _) = ParseName(allowKeywords: true);
                    node = new PathNode(token.Position, node, member);
                    break;
                case TokenKind.OpenBracket when !parsingRangeEnd:
                    Advance();
                    var filter = ParseExpression();
                    ExpectClose(TokenKind.CloseBracket, token);
                    node = new FilterNode(token.Position, node, filter);
                    break;
                case TokenKind.OpenParen:
                    node = ParseInvocation(node);
                    break;
                default:
                    return node;
            }
        }
    }

    private InvocationNode ParseInvocation(Node callee)
    {
        var open = Advance();
        var position = callee is NameNode ? callee.Position : open.Position;
        if (callee is NameNode name)
        {
            var (line, column) = source.GetLineColumn(name.Position);
            FunctionCalls.Add(new FeelFunctionCall(name.Name, name.Position, line, column));
        }

        var arguments = new List<Node>();
        List<string>? names = null;
        if (Current.Kind != TokenKind.CloseParen)
        {
            do
            {
                if (arguments.Count > 0)
                {
                    Advance();
                }

                var argumentName = TryParseArgumentName();
                if ((argumentName is not null) != (names is not null) && arguments.Count > 0)
                {
                    throw Error(Current, "cannot mix named and positional arguments in one call");
                }

                if (argumentName is not null)
                {
                    (names ??= []).Add(argumentName);
                }

                arguments.Add(ParseExpression());
            }
            while (Current.Kind == TokenKind.Comma);
        }

        ExpectClose(TokenKind.CloseParen, open);
        return new InvocationNode(position, callee, arguments, names);
    }

    /// <summary>Reads "name:" at the start of an argument, or returns null (without consuming) if there is none.</summary>
    private string? TryParseArgumentName()
    {
        if (Current.Kind != TokenKind.Name || Lexicon.Keywords.Contains(Current.Text))
        {
            return null;
        }

        var saved = index;
        var (name, _) = ParseName(allowKeywords: false);
        if (Current.Kind == TokenKind.Colon)
        {
            Advance();
            return name;
        }

        index = saved;
        return null;
    }

    private Node ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new LiteralNode(token.Position, new FeelNumber(decimal.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture)));
            case TokenKind.String:
                Advance();
                return new LiteralNode(token.Position, new FeelString(token.Text));
            case TokenKind.Temporal:
                Advance();
                return new LiteralNode(token.Position, ParseTemporal(token));
            case TokenKind.OpenParen:
                return ParseParenthesised();
            case TokenKind.OpenBracket:
                return ParseListOrRange();
            case TokenKind.CloseBracket:
                return ParseRange(Advance(), startIncluded: false, first: null);
            case TokenKind.OpenBrace:
                return ParseContext();
            case TokenKind.Name:
                return ParseNamePrimary(token);
            case TokenKind.End:
                throw Error(token, ErrorMessages.Expected("an expression", token));
            default:
                throw Error(token, ErrorMessages.Expected("an expression", token));
        }
    }

    private Node ParseNamePrimary(Token token)
    {
        switch (token.Text)
        {
            case "true":
                Advance();
                return new LiteralNode(token.Position, FeelBoolean.True);
            case "false":
                Advance();
                return new LiteralNode(token.Position, FeelBoolean.False);
            case "null":
                Advance();
                return new LiteralNode(token.Position, FeelNull.Instance);
            case "if":
                return ParseIf();
            case "for":
                return ParseFor();
            case "some" or "every":
                return ParseQuantified();
            case "function" when Peek(1).Kind == TokenKind.OpenParen:
                return ParseFunctionDefinition();
        }

        if (Lexicon.Keywords.Contains(token.Text))
        {
            throw Error(token, ErrorMessages.Expected("an expression", token));
        }

        var (name, position) = ParseName(allowKeywords: false);
        if (string.Equals(name, "?", StringComparison.Ordinal))
        {
            inputReferences++;
        }

        return new NameNode(position, name);
    }

    /// <summary>
    /// Reads a name, joining adjacent name tokens ("first name"): two names in a row are never valid FEEL
    /// otherwise, so this accepts unknown multi-word names without a list of them.
    /// </summary>
    private (string Name, int Position) ParseName(bool allowKeywords)
    {
        var first = Advance();
        var name = first.Text;
        // A keyword may start a member or key name ("x.in"), but never continues one.
        _ = allowKeywords;
        while (Current.Kind == TokenKind.Name && !Lexicon.Keywords.Contains(Current.Text))
        {
            name += " " + Advance().Text;
        }

        return (name, first.Position);
    }

    private Node ParseParenthesised()
    {
        var open = Advance();
        if (Current.Kind is TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.Equal)
        {
            // A unary comparison as a value: (< 10) is the range with no start up to 10 (FEEL 1.5, 10.3.2.7).
            var op = Advance();
            var endpoint = ParseAdditive();
            ExpectClose(TokenKind.CloseParen, open);
            return new UnaryRangeNode(open.Position, op.Kind, endpoint);
        }

        var first = ParseExpression();
        if (Current.Kind == TokenKind.DotDot)
        {
            return ParseRange(open, startIncluded: false, first);
        }

        ExpectClose(TokenKind.CloseParen, open);
        return first;
    }

    private Node ParseListOrRange()
    {
        var open = Advance();
        if (Current.Kind == TokenKind.CloseBracket)
        {
            Advance();
            return new ListNode(open.Position, []);
        }

        var first = ParseExpression();
        if (Current.Kind == TokenKind.DotDot)
        {
            return ParseRange(open, startIncluded: true, first);
        }

        var items = new List<Node> { first };
        while (Current.Kind == TokenKind.Comma)
        {
            Advance();
            items.Add(ParseExpression());
        }

        ExpectClose(TokenKind.CloseBracket, open);
        return new ListNode(open.Position, items);
    }

    /// <summary>Parses the rest of an interval after its opening token (and, if already read, its start).</summary>
    private RangeNode ParseRange(Token open, bool startIncluded, Node? first)
    {
        first ??= ParseExpression();
        if (Current.Kind != TokenKind.DotDot)
        {
            throw Error(Current, ErrorMessages.Expected("'..' in the range", Current));
        }

        Advance();

        // In "]1..5[" the final '[' closes the range; it must not be read as a filter on 5.
        var savedRangeEnd = parsingRangeEnd;
        parsingRangeEnd = true;
        Node end;
        try
        {
            end = ParseExpression();
        }
        finally
        {
            parsingRangeEnd = savedRangeEnd;
        }

        var close = Current;
        bool endIncluded;
        switch (close.Kind)
        {
            case TokenKind.CloseBracket:
                endIncluded = true;
                break;
            case TokenKind.CloseParen or TokenKind.OpenBracket:
                endIncluded = false;
                break;
            default:
                throw Error(close, ErrorMessages.Expected("']', ')' or '[' to close the range", close));
        }

        Advance();
        return new RangeNode(open.Position, first, startIncluded, end, endIncluded);
    }

    private ContextNode ParseContext()
    {
        var open = Advance();
        var entries = new List<KeyValuePair<string, Node>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (Current.Kind != TokenKind.CloseBrace)
        {
            while (true)
            {
                var keyToken = Current;
                string key;
                if (keyToken.Kind == TokenKind.String)
                {
                    key = Advance().Text;
                }
                else if (keyToken.Kind == TokenKind.Name)
                {
                    key = ParseName(allowKeywords: true).Name;
                }
                else if (keyToken.Kind == TokenKind.End)
                {
                    throw Error(keyToken, ErrorMessages.Unclosed('{', keyToken, source.GetLineColumn(open.Position)));
                }
                else
                {
                    throw Error(keyToken, ErrorMessages.Expected("a context key (a name or a string)", keyToken));
                }

                if (!keys.Add(key))
                {
                    throw Error(keyToken, ErrorMessages.DuplicateKey(key));
                }

                if (Current.Kind != TokenKind.Colon)
                {
                    throw Error(Current, ErrorMessages.Expected($"':' after the context key '{key}'", Current));
                }

                Advance();
                entries.Add(new(key, ParseExpression()));
                if (Current.Kind != TokenKind.Comma)
                {
                    break;
                }

                Advance();
            }
        }

        ExpectClose(TokenKind.CloseBrace, open);
        return new ContextNode(open.Position, entries);
    }

    private IfNode ParseIf()
    {
        var keyword = Advance();
        var condition = ParseExpression();
        if (!Current.IsName("then"))
        {
            throw Error(Current, ErrorMessages.MissingThen(Current));
        }

        Advance();
        var then = ParseExpression();
        if (!Current.IsName("else"))
        {
            throw Error(Current, ErrorMessages.MissingElse(Current));
        }

        Advance();
        return new IfNode(keyword.Position, condition, then, ParseExpression());
    }

    private ForNode ParseFor()
    {
        var keyword = Advance();
        var iterators = ParseIterators(allowRange: true);
        Expect("return", "'return' after the iteration contexts of 'for'");
        return new ForNode(keyword.Position, iterators, ParseExpression());
    }

    private QuantifiedNode ParseQuantified()
    {
        var keyword = Advance();
        var iterators = ParseIterators(allowRange: false);
        Expect("satisfies", $"'satisfies' after the iteration contexts of '{keyword.Text}'");
        return new QuantifiedNode(keyword.Position, keyword.Text == "every", iterators, ParseExpression());
    }

    private List<Iterator> ParseIterators(bool allowRange)
    {
        var iterators = new List<Iterator>();
        do
        {
            if (iterators.Count > 0)
            {
                Advance();
            }

            if (Current.Kind != TokenKind.Name || Lexicon.Keywords.Contains(Current.Text))
            {
                throw Error(Current, ErrorMessages.Expected("a variable name", Current));
            }

            var (name, _) = ParseName(allowKeywords: false);
            Expect("in", $"'in' after '{name}'");
            var domain = ParseExpression();
            Node? end = null;
            if (allowRange && Current.Kind == TokenKind.DotDot)
            {
                Advance();
                end = ParseExpression();
            }

            iterators.Add(new Iterator(name, domain, end));
        }
        while (Current.Kind == TokenKind.Comma);

        return iterators;
    }

    private FunctionDefinitionNode ParseFunctionDefinition()
    {
        var keyword = Advance();
        var open = Advance();
        var parameters = new List<string>();
        var types = new List<TypeReference?>();
        if (Current.Kind != TokenKind.CloseParen)
        {
            do
            {
                if (parameters.Count > 0)
                {
                    Advance();
                }

                if (Current.Kind != TokenKind.Name || Lexicon.Keywords.Contains(Current.Text))
                {
                    throw Error(Current, ErrorMessages.Expected("a parameter name", Current));
                }

                parameters.Add(ParseName(allowKeywords: false).Name);
                TypeReference? type = null;
                if (Current.Kind == TokenKind.Colon)
                {
                    Advance();
                    type = ParseType();
                }

                types.Add(type);
            }
            while (Current.Kind == TokenKind.Comma);
        }

        ExpectClose(TokenKind.CloseParen, open);
        if (Current.IsName("external"))
        {
            throw Error(Current, "external functions are not supported");
        }

        return new FunctionDefinitionNode(keyword.Position, parameters, types.Any(t => t is not null) ? types : null, ParseExpression());
    }

    private TypeReference ParseType()
    {
        if (Current.Kind != TokenKind.Name)
        {
            throw Error(Current, ErrorMessages.Expected("a type name", Current));
        }

        var start = Current;
        var (name, _) = ParseName(allowKeywords: true);
        var arguments = new List<TypeReference>();
        var fields = new List<KeyValuePair<string, TypeReference>>();
        if (Current.Kind == TokenKind.Less && name is "list" or "range" or "context" or "function")
        {
            var open = Advance();
            do
            {
                if (arguments.Count + fields.Count > 0)
                {
                    Advance();
                }
                else if (name == "function" && Current.Kind == TokenKind.Greater)
                {
                    break; // function<>: no parameters
                }

                if (name == "context")
                {
                    var (field, _) = ParseName(allowKeywords: true);
                    Expect(":", "':' after the context field name");
                    fields.Add(new(field, ParseType()));
                }
                else
                {
                    arguments.Add(ParseType());
                }
            }
            while (Current.Kind == TokenKind.Comma);

            if (Current.Kind != TokenKind.Greater)
            {
                throw Error(Current, ErrorMessages.Expected($"'>' to close '<' at column {source.GetLineColumn(open.Position).Column}", Current));
            }

            Advance();
            if (name == "function" && Current.Kind == TokenKind.Minus && Peek(1).Kind == TokenKind.Greater)
            {
                index += 2;
                ParseType();
            }
        }
        else if (typeResolver?.Invoke(name) is { } structural && !string.Equals(structural, name, StringComparison.Ordinal))
        {
            // A type defined outside FEEL (a DMN item definition), given as the FEEL text of its structure.
            try
            {
                return new Parser(new SourceText(structural), NameMatcher.BuiltIn) { typeResolver = typeResolver, depth = depth + 1 }.ParseWholeType();
            }
            catch (FeelSyntaxException e)
            {
                throw Error(start, $"the type '{name}' is not usable here: {e.Reason}");
            }
        }

        return new TypeReference(name, arguments, fields);
    }

    private TypeReference ParseWholeType()
    {
        if (depth > MaxDepth)
        {
            throw Error(Current, ErrorMessages.TooDeep);
        }

        var type = ParseType();
        ExpectEnd();
        return type;
    }

    private FeelValue ParseTemporal(Token token)
    {
        var text = token.Text;
        // Date and time first: it only parses text with a date before a 'T', so "10:00@Etc/GMT" falls through to time.
        FeelValue? value = TemporalText.ParseDateTime(text) ?? TemporalText.ParseDate(text) ?? TemporalText.ParseTime(text) ?? TemporalText.ParseDuration(text);
        return value ?? throw Error(token, ErrorMessages.InvalidTemporal(text));
    }

    private void Expect(string keyword, string description)
    {
        if (keyword == ":")
        {
            if (Current.Kind != TokenKind.Colon)
            {
                throw Error(Current, ErrorMessages.Expected(description, Current));
            }
        }
        else if (!Current.IsName(keyword))
        {
            throw Error(Current, ErrorMessages.Expected(description, Current));
        }

        Advance();
    }

    private void ExpectClose(TokenKind kind, Token open)
    {
        if (Current.Kind != kind)
        {
            throw Error(Current, ErrorMessages.Unclosed(open.Text[0], Current, source.GetLineColumn(open.Position)));
        }

        Advance();
    }

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.End)
        {
            throw Error(Current, ErrorMessages.UnexpectedToken(Current));
        }
    }

    private Token Advance()
    {
        var token = tokens[index];
        if (token.Kind != TokenKind.End)
        {
            index++;
        }

        return token;
    }

    private Token Peek(int offset) => tokens[Math.Min(index + offset, tokens.Count - 1)];

    private FeelSyntaxException Error(Token at, string reason) => FeelSyntaxException.At(source, at.Position, reason);
}
