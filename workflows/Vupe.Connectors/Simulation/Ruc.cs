namespace Vupe.Connectors.Simulation;

/// <summary>Makes the simulated employers' RUCs pass SUNAT's check digit, so downstream validation treats them as real.</summary>
internal static class Ruc
{
    private static readonly int[] Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    /// <param name="firstTenDigits">Prefix (20 for a company) and body, without the check digit.</param>
    public static string WithCheckDigit(string firstTenDigits)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (firstTenDigits[i] - '0') * Weights[i];
        }
        var check = (11 - (sum % 11)) % 10;
        return firstTenDigits + (char)('0' + check);
    }
}
