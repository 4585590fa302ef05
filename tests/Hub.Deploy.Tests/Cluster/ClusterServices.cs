namespace Hub.Deploy.Tests.Cluster;

/// <summary>The shared engines several hub processes run on: a PostgreSQL server and an S3-compatible store.</summary>
/// <param name="PostgresAdmin">A connection string that may create and drop databases.</param>
public sealed record ClusterServices(string PostgresAdmin, string S3Url, string S3AccessKey, string S3SecretKey);
