namespace Vupe.Server.Problems;

/// <summary>What an HTTP error means, in Spanish, for the API's ProblemDetails and the error pages.</summary>
public static class ErrorTexts
{
    public static string Title(int status) => status switch
    {
        400 => "La solicitud no es válida.",
        401 => "Debe iniciar sesión.",
        403 => "No tiene permiso para esta acción.",
        404 => "No encontramos lo que buscaba.",
        405 => "Esta dirección no admite esa acción.",
        409 => "La acción no corresponde al estado actual.",
        413 => "La solicitud es demasiado grande.",
        415 => "El tipo de contenido no es admitido.",
        422 => "Los datos no se pueden procesar.",
        429 => "Demasiadas solicitudes. Espere un minuto y vuelva a intentarlo.",
        503 => "El servicio no está disponible en este momento. Intente más tarde.",
        _ when status >= 500 => "Ocurrió un error en el servidor. Intente más tarde.",
        _ => "No se pudo completar la solicitud.",
    };

    /// <summary>Whether a title is the framework's English default for the status (so ours may replace it).</summary>
    public static bool IsDefaultTitle(string? title, int status) =>
        title is null || title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)
        || title.StartsWith("One or more validation errors", StringComparison.Ordinal) || title.StartsWith("An error occurred", StringComparison.Ordinal);
}
