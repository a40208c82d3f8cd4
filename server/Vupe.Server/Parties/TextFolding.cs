namespace Vupe.Server.Parties;

/// <summary>Folds names for accent- and case-insensitive search: "José Ñahui" → "jose nahui".</summary>
public static class TextFolding
{
    /// <summary>The same folding RENIEC's answers are compared with (<see cref="Vupe.Connectors.IdentityComparison"/>), so search and checks agree.</summary>
    public static string Fold(string text) => Vupe.Connectors.IdentityComparison.Fold(text);
}
