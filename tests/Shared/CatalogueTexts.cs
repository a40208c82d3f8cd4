using System.Globalization;
using System.Reflection;
using System.Text.Json;
using NUnit.Framework;

namespace Vupe.Testing;

/// <summary>
/// The message catalogues of the engine's libraries (deployment problems of processes, decisions and forms) speak
/// the UI culture's language. This calls every text method of a catalogue with sample arguments, once in English and
/// once in Spanish, so a text added without its translation fails a test. Linked into each library's test project.
/// </summary>
internal static class CatalogueTexts
{
    /// <summary>Every public static string method of <paramref name="catalogue"/> has a non-empty English text and a different Spanish one.</summary>
    public static void AssertBilingual(Type catalogue, int atLeast)
    {
        var texts = EnglishAndSpanish(catalogue);
        Assert.That(texts, Has.Count.GreaterThan(atLeast), "the catalogue's methods are found");
        foreach (var (method, english, spanish) in texts)
        {
            Assert.That(english, Is.Not.Empty, method);
            Assert.That(spanish, Is.Not.Empty, method);
            Assert.That(spanish, Is.Not.EqualTo(english), $"{method} has no Spanish text");
        }
    }

    public static List<(string Method, string English, string Spanish)> EnglishAndSpanish(Type catalogue)
    {
        var result = new List<(string, string, string)>();
        foreach (var method in catalogue.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                     .Where(m => m.ReturnType == typeof(string) && !m.IsSpecialName))
        {
            var arguments = method.GetParameters().Select((p, i) => Sample(p.ParameterType, i)).ToArray();
            result.Add((method.Name, In("en-US", () => (string)method.Invoke(null, arguments)!), In("es-PE", () => (string)method.Invoke(null, arguments)!)));
        }
        return result;
    }

    /// <summary>What <paramref name="text"/> gives under the UI culture <paramref name="culture"/>.</summary>
    private static T In<T>(string culture, Func<T> text)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return text();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static object? Sample(Type type, int position) => type switch
    {
        _ when type == typeof(string) => $"x{position}",
        _ when type == typeof(int) => 3,
        _ when type == typeof(long) => 3L,
        _ when type == typeof(bool) => position % 2 == 0,
        _ when type.IsEnum => Enum.GetValues(type).GetValue(0),
        _ when type == typeof(JsonElement) => JsonDocument.Parse("\"x\"").RootElement.Clone(),
        _ when type.IsAssignableFrom(typeof(string[])) => new[] { "decision", "form" },
        _ => throw new NotSupportedException($"no sample for {type}"),
    };
}
