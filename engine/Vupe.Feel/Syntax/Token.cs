namespace Vupe.Feel.Syntax;

/// <param name="Text">For names the name itself (multi-word names joined by single spaces), for strings the unescaped value.</param>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, int Length)
{
    public bool IsName(string name) => Kind == TokenKind.Name && string.Equals(Text, name, StringComparison.Ordinal);

    /// <summary>How the token is shown in error messages.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.String => $"'\"{Text}\"'",
        TokenKind.Temporal => $"'@\"{Text}\"'",
        _ => $"'{Text}'",
    };
}
