using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Server.Documents;
using Vupe.Server.Parties;

namespace Vupe.Server.Problems;

/// <summary>
/// Turns the engine's and the server's exceptions into ProblemDetails: a lost race is 409, a
/// missing thing 404, a step that does not apply in the current state 409, bad input 400. Anything
/// else is a 500 whose details stay in the log.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            DuplicatePartyException d => new ProblemDetails
            {
                Status = 409, Title = "Ya existe una ficha con este documento.",
                Extensions = { ["existingPartyId"] = d.ExistingId },
            },
            UploadRejectedException u => new ProblemDetails
            {
                Status = u.TooLarge ? 413 : 400, Title = u.Rejection.MessageEs,
                Extensions = { ["code"] = u.Rejection.Code, ["detectedType"] = u.Rejection.SniffedMediaType },
            },
            Vupe.Connectors.ConnectorException c => new ProblemDetails
            {
                Status = 503, Title = "Un servicio externo no responde; intente más tarde.", Extensions = { ["connector"] = c.Connector },
            },
            DocumentContentDeletedException => new ProblemDetails
            {
                Status = 410, Title = DocumentTexts.ContentGone, Extensions = { ["code"] = "content-deleted" },
            },
            Trust.TooManyAttemptsException t => new ProblemDetails { Status = 429, Title = t.Message, Extensions = { ["retryAfterSeconds"] = t.RetryAfterSeconds } },
            AccessDeniedException a => new ProblemDetails { Status = 403, Title = a.Message },
            StateConflictException s => new ProblemDetails { Status = 409, Title = s.Message },
            DeploymentException d => new ProblemDetails
            {
                Status = 422, Title = "Los archivos no se pueden desplegar; no se guardó nada.",
                Extensions =
                {
                    ["errors"] = d.Problems.Select(Deployments.DeploymentErrorDto.From).ToList(),
                },
            },
            FormRejectedException f => new HttpValidationProblemDetails(
                f.Validation.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
            {
                Status = 400, Title = "El formulario tiene errores.",
                Extensions =
                {
                    ["fieldErrors"] = f.Validation.Errors.Select(e => new { path = e.Path, code = e.Code, message = e.Message, componentId = e.ComponentId, indexes = e.Indexes }).ToList(),
                },
            },
            FieldValidationException v => new HttpValidationProblemDetails(v.Errors) { Status = 400, Title = v.Title ?? "Los datos enviados no son válidos." },
            ConflictException or DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = 409, Title = "Otro usuario cambió este dato al mismo tiempo.",
                Detail = "Vuelva a cargar y repita la acción.",
            },
            InvalidStateException e => new ProblemDetails { Status = 409, Title = "La acción no corresponde al estado actual.", Detail = e.Message },
            NotFoundException => new ProblemDetails { Status = 404, Title = "No encontrado." },
            BadHttpRequestException { StatusCode: 413 } => new ProblemDetails { Status = 413, Title = "La solicitud es demasiado grande." },
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Title = "Solicitud no válida.", Detail = b.Message },
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            return false;
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is Trust.TooManyAttemptsException tooMany)
            httpContext.Response.Headers.RetryAfter = tooMany.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
