using Microsoft.AspNetCore.Mvc.ModelBinding;
using Vupe.Server.Offices;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Administracion;

/// <summary>What the shared roles/office/services fields show: the values and the errors the service gave for them.</summary>
public sealed record AccountFields(IReadOnlyCollection<string> Roles, string? Office, IReadOnlyCollection<string> Services, IReadOnlyList<Office> Offices, ModelStateDictionary State)
{
    public string? ErrorOf(string field) => State.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}

/// <summary>The API's field names as the administration forms name them, so each error shows under its own field.</summary>
public static class AdminFormErrors
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["userName"] = "Usuario", ["fullName"] = "Nombre", ["email"] = "Correo", ["role"] = "Roles", ["roles"] = "Roles", ["officeCode"] = "Oficina",
        ["services"] = "Servicios", ["password"] = "Clave", ["reason"] = "Motivo", ["address"] = "Direccion", ["phone"] = "Telefono", ["openingHours"] = "Horario",
    };

    /// <summary>Puts the service's field errors into the page's model state, each under the form's field (<paramref name="prefix"/> for one of several forms).</summary>
    public static void Into(ModelStateDictionary state, FieldValidationException e, string prefix = "")
    {
        foreach (var (field, messages) in e.Errors)
            foreach (var message in messages)
                state.AddModelError(Fields.TryGetValue(field, out var name) ? prefix + name : "", message);
    }
}
