namespace Hub.Api.Tests.Security;

/// <summary>The embedded hub with a 2 MiB ceiling on the pack a push may send.</summary>
public sealed class SmallPushHub() : SecurityHub(production: false, new Dictionary<string, string?> { ["Hub:Git:MaxPushBytes"] = (2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });
