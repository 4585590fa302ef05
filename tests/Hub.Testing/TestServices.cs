namespace Hub.Testing;

/// <summary>
/// The real services the README's test command starts (deploy/test/services.sh). A test that needs one and does not
/// find it fails loudly: nothing is skipped.
/// </summary>
public static class TestServices
{
    public static string PostgresConnectionString => Require("HUB_TEST_POSTGRES", "PostgreSQL");

    public static string S3Url => Require("HUB_TEST_S3_URL", "Ceph RGW (S3)");

    public static string S3AccessKey => Require("HUB_TEST_S3_ACCESS_KEY", "Ceph RGW (S3)");

    public static string S3SecretKey => Require("HUB_TEST_S3_SECRET_KEY", "Ceph RGW (S3)");

    private static string Require(string variable, string service) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{service} is required by this test but {variable} is not set. Run the tests with ./test.sh, or start the " +
                "services with deploy/test/services.sh up and source .test-services/env.");
}
