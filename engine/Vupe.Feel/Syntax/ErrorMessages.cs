namespace Vupe.Feel.Syntax;

/// <summary>Syntax error texts, kept together so they stay consistent and testable.</summary>
internal static class ErrorMessages
{
    public const string UnterminatedString = "unterminated string literal (missing closing '\"')";
    public const string UnterminatedComment = "unterminated comment (missing '*/')";
    public const string TemporalNeedsString = "expected a string after '@', as in @\"2026-01-01\"";
    public const string EmptyExpression = "expected an expression but found end of input";
    public const string TooDeep = "expression is nested too deeply";

    public static string UnexpectedCharacter(char c) => $"unexpected character '{c}'";

    public static string InvalidEscape(string sequence) => $"invalid escape sequence '{sequence}' in string literal";

    public static string InvalidTemporal(string text) => $"invalid temporal literal @\"{text}\": expected a date, time, date and time or duration in ISO-8601 form";

    public static string Expected(string expected, Token found) => $"expected {expected} but found {found.Describe()}";

    public static string Unclosed(char open, Token found, (int Line, int Column) openedAt) =>
        $"expected '{Closing(open)}' to close '{open}' opened at line {openedAt.Line}, column {openedAt.Column}, but found {found.Describe()}";

    public static string MissingThen(Token found) => $"expected 'then' after the if condition but found {found.Describe()}";

    public static string MissingElse(Token found) => $"expected 'else' after the then branch (an if expression needs both branches) but found {found.Describe()}";

    public static string UnexpectedToken(Token found) => $"unexpected {found.Describe()}";

    public static string DuplicateKey(string key) => $"duplicate context key '{key}'";

    private static char Closing(char open) => open switch
    {
        '(' => ')',
        '[' => ']',
        '{' => '}',
        _ => open,
    };
}
