namespace Hub.Web.Api;

/// <summary>The API answered with an error: its status code and the message it gave (HF error header or body).</summary>
public sealed class HubApiException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public bool IsNotFound => StatusCode is 404 or 401;
}
