using System.Globalization;
using System.Text;

namespace Vupe.Feel.Syntax;

/// <summary>Turns FEEL source into tokens. Multi-word names are resolved here, by longest match.</summary>
internal sealed class Lexer
{
    private readonly SourceText source;
    private readonly string text;
    private readonly NameMatcher names;
    private readonly List<Token> tokens = [];
    private int pos;

    public Lexer(SourceText source, NameMatcher names)
    {
        this.source = source;
        text = source.Text;
        this.names = names;
    }

    public static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || c == '?' || char.IsSurrogate(c);

    public static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '?' || c == '\'' || char.IsSurrogate(c);

    public List<Token> Tokenize()
    {
        while (true)
        {
            SkipTrivia();
            if (pos >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, string.Empty, text.Length, 0));
                return tokens;
            }

            var c = text[pos];
            if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
            {
                ReadNumber();
            }
            else if (IsNameStart(c))
            {
                ReadName();
            }
            else if (c == '"')
            {
                var start = pos;
                tokens.Add(new Token(TokenKind.String, ReadString(), start, pos - start));
            }
            else if (c == '@')
            {
                var start = pos;
                pos++;
                if (pos >= text.Length || text[pos] != '"')
                {
                    throw Error(start, ErrorMessages.TemporalNeedsString);
                }

                tokens.Add(new Token(TokenKind.Temporal, ReadString(), start, pos - start));
            }
            else
            {
                ReadOperator(c);
            }
        }
    }

    private void ReadOperator(char c)
    {
        var start = pos;
        var next = Peek(1);
        (TokenKind kind, int length) = c switch
        {
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' when next == '*' => (TokenKind.StarStar, 2),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '=' => (TokenKind.Equal, 1),
            '!' when next == '=' => (TokenKind.NotEqual, 2),
            '<' when next == '=' => (TokenKind.LessEqual, 2),
            '<' => (TokenKind.Less, 1),
            '>' when next == '=' => (TokenKind.GreaterEqual, 2),
            '>' => (TokenKind.Greater, 1),
            '(' => (TokenKind.OpenParen, 1),
            ')' => (TokenKind.CloseParen, 1),
            '[' => (TokenKind.OpenBracket, 1),
            ']' => (TokenKind.CloseBracket, 1),
            '{' => (TokenKind.OpenBrace, 1),
            '}' => (TokenKind.CloseBrace, 1),
            ',' => (TokenKind.Comma, 1),
            ':' => (TokenKind.Colon, 1),
            '.' when next == '.' => (TokenKind.DotDot, 2),
            '.' => (TokenKind.Dot, 1),
            _ => throw Error(start, ErrorMessages.UnexpectedCharacter(c)),
        };
        pos += length;
        tokens.Add(new Token(kind, text.Substring(start, length), start, length));
    }

    private void ReadNumber()
    {
        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        if (pos < text.Length && text[pos] == '.' && char.IsAsciiDigit(Peek(1)))
        {
            pos++;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
        }

        // An exponent (1.23e4, 1.2E-3) only when digits follow: "2e" alone stays a number and a name.
        if (pos < text.Length && text[pos] is 'e' or 'E')
        {
            var digits = pos + 1 < text.Length && text[pos + 1] is '+' or '-' ? pos + 2 : pos + 1;
            if (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                pos = digits;
                while (pos < text.Length && char.IsAsciiDigit(text[pos]))
                {
                    pos++;
                }
            }
        }

        var literal = text[start..pos];
        if (!decimal.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw Error(start, $"number literal '{literal}' is out of range");
        }

        tokens.Add(new Token(TokenKind.Number, literal, start, pos - start));
    }

    private void ReadName()
    {
        var start = pos;
        pos++;
        while (pos < text.Length && IsNamePart(text[pos]))
        {
            pos++;
        }

        var word = text[start..pos];
        var end = names.Match(text, start, word, out var longName);
        if (end > pos)
        {
            pos = end;
            tokens.Add(new Token(TokenKind.Name, longName, start, end - start));
            return;
        }

        tokens.Add(new Token(TokenKind.Name, word, start, pos - start));
    }

    private string ReadString()
    {
        var start = pos;
        pos++;
        var builder = new StringBuilder();
        while (true)
        {
            if (pos >= text.Length)
            {
                throw Error(start, ErrorMessages.UnterminatedString);
            }

            var c = text[pos];
            if (c == '"')
            {
                pos++;
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                pos++;
                continue;
            }

            var escapeStart = pos;
            var e = Peek(1);
            pos += 2;
            switch (e)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '\'': builder.Append('\''); break;
                case '/': builder.Append('/'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    builder.Append((char)ReadHex(escapeStart, 4));
                    break;
                case 'U':
                    var codePoint = ReadHex(escapeStart, 6);
                    if (codePoint > 0x10FFFF)
                    {
                        throw Error(escapeStart, ErrorMessages.InvalidEscape(text[escapeStart..pos]));
                    }

                    builder.Append(char.ConvertFromUtf32(codePoint));
                    break;
                case '\0' when pos > text.Length:
                    throw Error(start, ErrorMessages.UnterminatedString);
                default:
                    // Other escapes are kept as written, so regular expressions such as "\d+" or "\s" work as users expect.
                    builder.Append('\\').Append(e);
                    break;
            }
        }
    }

    private int ReadHex(int escapeStart, int digits)
    {
        if (pos + digits > text.Length
            || !int.TryParse(text.AsSpan(pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            var end = Math.Min(text.Length, pos + digits);
            throw Error(escapeStart, ErrorMessages.InvalidEscape(text[escapeStart..end]));
        }

        pos += digits;
        return value;
    }

    private void SkipTrivia()
    {
        while (pos < text.Length)
        {
            var c = text[pos];
            if (char.IsWhiteSpace(c))
            {
                pos++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (pos < text.Length && text[pos] != '\n')
                {
                    pos++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var end = text.IndexOf("*/", pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error(pos, ErrorMessages.UnterminatedComment);
                }

                pos = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private char Peek(int offset) => pos + offset < text.Length ? text[pos + offset] : '\0';

    private FeelSyntaxException Error(int position, string message) => FeelSyntaxException.At(source, position, message);
}
