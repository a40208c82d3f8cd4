using Microsoft.AspNetCore.Identity;

namespace Vupe.Server.Portal;

/// <summary>The password rules of <see cref="PasswordOptions"/> (as ASP.NET Identity applies them), said in Spanish.</summary>
public static class PortalPasswords
{
    /// <summary>What the password lacks, e.g. "al menos 10 caracteres", "una letra mayúscula"; empty when it meets every rule.</summary>
    public static IReadOnlyList<string> Problems(string? password, PasswordOptions rules)
    {
        var problems = new List<string>();
        password ??= "";
        if (password.Length < rules.RequiredLength) problems.Add($"al menos {rules.RequiredLength} caracteres");
        if (rules.RequireDigit && !password.Any(char.IsAsciiDigit)) problems.Add("un número (0-9)");
        if (rules.RequireLowercase && !password.Any(char.IsLower)) problems.Add("una letra minúscula");
        if (rules.RequireUppercase && !password.Any(char.IsUpper)) problems.Add("una letra mayúscula");
        if (rules.RequireNonAlphanumeric && password.All(char.IsLetterOrDigit)) problems.Add("un símbolo (por ejemplo ! o #)");
        if (password.Distinct().Count() < rules.RequiredUniqueChars) problems.Add($"al menos {rules.RequiredUniqueChars} caracteres distintos");
        return problems;
    }

    /// <summary>One sentence for the form: "La contraseña necesita al menos 10 caracteres y una letra mayúscula."; null when nothing is missing.</summary>
    public static string? Message(string? password, PasswordOptions rules)
    {
        var problems = Problems(password, rules);
        if (problems.Count == 0) return null;
        var list = problems.Count == 1 ? problems[0] : string.Join(", ", problems.Take(problems.Count - 1)) + " y " + problems[^1];
        return $"La contraseña necesita {list}.";
    }

    /// <summary>What the sign-up form says the password needs.</summary>
    public static string Rules(PasswordOptions rules) =>
        $"Al menos {rules.RequiredLength} caracteres, con mayúsculas, minúsculas y números.";
}
