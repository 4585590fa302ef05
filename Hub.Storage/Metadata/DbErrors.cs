using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hub.Storage.Metadata;

/// <summary>Recognises database errors the stores turn into domain outcomes, on both providers.</summary>
internal static class DbErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>
    /// True when a unique index or primary key refused a row. The stores check before inserting so the usual path
    /// is clear, but only the index settles a race between two writers, so this is what decides in the end.
    /// </summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException s when s.SqliteErrorCode == SqliteConstraint
                                            && s.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey:
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return true;
            }
        }
        return false;
    }
}
