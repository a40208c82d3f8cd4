using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vupe.Server.Tests;

/// <summary>The job-bank requests several fixtures start from: a company with a fresh valid RUC, a vacancy of it.</summary>
internal static class JobBankRequests
{
    private static int _rucCounter = 30_000_000;

    /// <summary>Registers a company with a fresh RUC (prefix 20, the SUNAT check digit) in Lima.</summary>
    public static async Task<Guid> CreateCompanyAsync(HttpClient client, string legalName) => (await CreateCompanyWithRucAsync(client, legalName)).Id;

    /// <summary>A fresh valid RUC of a company (prefix 20, the SUNAT check digit), registered nowhere yet.</summary>
    public static string FreshRuc()
    {
        var first10 = "20" + Interlocked.Increment(ref _rucCounter).ToString(CultureInfo.InvariantCulture);
        return first10 + Parties.DocumentNumbers.RucCheckDigit(first10);
    }

    /// <summary>As <see cref="CreateCompanyAsync"/>, with the RUC (for a company that then signs up online).</summary>
    public static async Task<(Guid Id, string Ruc)> CreateCompanyWithRucAsync(HttpClient client, string legalName)
    {
        var ruc = FreshRuc();
        var response = await client.PostAsJsonAsync("/api/parties/companies", new { ruc, legalName, ubigeo = "150101" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), ruc);
    }

    /// <summary>Registers a vacancy of <paramref name="company"/> closing in 30 days, salary S/ 1,500–2,200.</summary>
    public static async Task<JsonElement> PostVacancyAsync(HttpClient client, Guid company, string title, string occupation, string ubigeo,
        string minEducation = "secundaria", int months = 0, string[]? skills = null, string[]? certifications = null, int positions = 1)
    {
        var response = await client.PostAsJsonAsync("/api/vacancies", new
        {
            companyPartyId = company, title, description = $"{title} para nuestra sede", occupationCode = occupation, ubigeo, minEducation,
            minExperienceMonths = months, skills = skills ?? [], certifications = certifications ?? [], salaryMin = 1500, salaryMax = 2200,
            positions, closingDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
