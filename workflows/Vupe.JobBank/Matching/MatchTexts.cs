using Vupe.JobBank.Classification;

namespace Vupe.JobBank.Matching;

/// <summary>The Spanish sentences of an explanation: names of occupations, places and terms instead of codes.</summary>
internal sealed class MatchTexts(OccupationCatalog occupations, Func<int, string> termText)
{
    public string Occupation(int relation, IReadOnlyList<string> sought, string occupation) => relation switch
    {
        2 => $"Ocupación buscada: {occupations.NameOf(occupation)}",
        1 => $"Ocupación afín: busca {string.Join(", ", sought.Select(occupations.NameOf))}; la vacante es de {occupations.NameOf(occupation)}",
        _ => $"Ocupación distinta: busca {string.Join(", ", sought.Select(occupations.NameOf))}; la vacante es de {occupations.NameOf(occupation)}",
    };

    public string Certifications(int[] required, int[] held)
    {
        if (required.Length == 0) return "Certificaciones: la vacante no pide ninguna";
        var missing = required.Where(id => Array.BinarySearch(held, id) < 0).Select(termText).ToList();
        return missing.Count == 0
            ? $"Certificaciones: tiene {string.Join(", ", required.Select(termText))}"
            : $"Falta la certificación: {string.Join(", ", missing)}";
    }

    public string Skills(int[] wanted, int[] held)
    {
        if (wanted.Length == 0) return "Habilidades: la vacante no pide ninguna en particular";
        var have = wanted.Where(id => Array.BinarySearch(held, id) >= 0).Select(termText).ToList();
        var lack = wanted.Where(id => Array.BinarySearch(held, id) < 0).Select(termText).ToList();
        return lack.Count == 0
            ? $"Habilidades: tiene todas ({string.Join(", ", have)})"
            : have.Count == 0 ? $"Habilidades: no tiene las pedidas ({string.Join(", ", lack)})"
            : $"Habilidades: tiene {string.Join(", ", have)}; le faltan {string.Join(", ", lack)}";
    }

    public static string Location(SeekerProfile s, VacancyProfile v, int points)
    {
        var where = Regions.NameOf(v.Ubigeo);
        var home = Regions.NameOf(s.Ubigeo);
        if (v.Remote) return "Ubicación: trabajo remoto";
        if (points < 0)
            return s.Mobility == Mobility.Provincia
                ? $"Fuera de su zona: busca trabajo solo en su provincia ({home}); la vacante está en {where}"
                : $"Fuera de su zona: busca trabajo solo en {home}; la vacante está en {where}";
        return points switch
        {
            10 => $"Ubicación: en su provincia ({where})",
            8 => $"Ubicación: en su región ({where})",
            6 => $"Ubicación: región vecina ({where}; vive en {home})",
            _ => $"Ubicación: en otra región ({where}; vive en {home}, acepta trabajar en todo el país)",
        };
    }
}
