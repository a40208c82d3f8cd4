using Microsoft.AspNetCore.Identity;

namespace Vupe.Server.Portal;

/// <summary>The password rules of <see cref="PasswordOptions"/> (as ASP.NET Identity applies them), said in Spanish.</summary>
public static class PortalPasswords
{
    public static IReadOnlyList<string> Problems(string? password, PasswordOptions rules)
    {
        var problems = new List<string>();
        password ??= "";
        if (password.Length < rules.RequiredLength) problems.Add($"Tiene al menos {rules.RequiredLength} caracteres.");
        if (rules.RequireDigit && !password.Any(char.IsAsciiDigit)) problems.Add("Tiene al menos un número (0-9).");
        if (rules.RequireLowercase && !password.Any(char.IsLower)) problems.Add("Tiene al menos una letra minúscula.");
        if (rules.RequireUppercase && !password.Any(char.IsUpper)) problems.Add("Tiene al menos una letra mayúscula.");
        if (rules.RequireNonAlphanumeric && password.All(char.IsLetterOrDigit)) problems.Add("Tiene al menos un símbolo (por ejemplo ! o #).");
        if (password.Distinct().Count() < rules.RequiredUniqueChars) problems.Add($"Usa al menos {rules.RequiredUniqueChars} caracteres distintos.");
        return problems;
    }

    /// <summary>What the sign-up form says the password needs.</summary>
    public static string Rules(PasswordOptions rules) =>
        $"Al menos {rules.RequiredLength} caracteres, con mayúsculas, minúsculas y números.";
}
