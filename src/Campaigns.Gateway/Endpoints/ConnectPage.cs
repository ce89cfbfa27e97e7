using System.Net;
using Campaigns.Application.Accounts.Connect;
using Microsoft.AspNetCore.Http;

namespace Campaigns.Gateway.Endpoints;

/// <summary>
/// The small page a user's browser lands on after a platform's consent page. It is never cached and sends no Referer
/// (the callback's address held the code and the state), and runs nothing.
/// </summary>
internal static class ConnectPage
{
    public static IResult For(ConnectResultView result)
    {
        var (title, text) = result.Connected
            ? ("Connected", $"Account {result.AccountId} is connected to {result.Connector}. You can close this window.")
            : ("Not connected", $"Connecting account {result.AccountId} to {result.Connector} was declined ({result.Declined}); nothing was stored. "
                + "Ask for a new link to try again.");
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{Encode(title)} · Campaigns</title></head>
            <body><h1>{Encode(title)}</h1><p>{Encode(text)}</p></body></html>
            """;
        return new PageResult(html);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private sealed class PageResult(string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'none'";
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            return httpContext.Response.WriteAsync(html);
        }
    }
}
