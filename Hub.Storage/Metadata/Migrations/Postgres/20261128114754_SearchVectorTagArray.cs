using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Storage.Metadata.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchVectorTagArray : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "tag_names",
                table: "repositories",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            // Replaced by the index on search_vector below. Dropped first so that the rewrites below need not keep it
            // up to date (parsing every row's text again) on a big table.
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_repositories_search_text_fts;");

            // The row's copy of its tags, sorted (RepositoryEntity.TagNames), from the tag table.
            migrationBuilder.Sql(
                "UPDATE repositories r SET tag_names = t.tags FROM (SELECT repository_id, array_agg(tag ORDER BY tag COLLATE \"C\") AS tags " +
                "FROM repository_tags GROUP BY repository_id) t WHERE t.repository_id = r.id;");

            // Full text from a stored tsvector: the index holds it and a row check reads it instead of parsing search_text
            // again (RepositoryListQuery.PostgresSearch).
            migrationBuilder.Sql(
                "ALTER TABLE repositories ADD COLUMN search_vector tsvector " +
                "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED;");
            migrationBuilder.Sql("CREATE INDEX ix_repositories_search_vector ON repositories USING gin (search_vector);");
            // A page sorted by downloads (say) either walks the sort's index until it has enough matches or reads every
            // match and sorts: the planner picks by how many rows it expects a word or tag to match. With the default
            // statistics it knows too few words and tags to tell a rare one from a common one, and may walk the whole
            // index for a word nobody uses. Ten times the sample keeps the long tail in the statistics.
            migrationBuilder.Sql("ALTER TABLE repositories ALTER COLUMN search_vector SET STATISTICS 1000;");
            migrationBuilder.Sql("ALTER TABLE repositories ALTER COLUMN tag_names SET STATISTICS 1000;");

            migrationBuilder.CreateIndex(
                name: "ix_repositories_tag_names",
                table: "repositories",
                column: "tag_names")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "CREATE INDEX IF NOT EXISTS ix_repositories_search_text_fts ON repositories USING gin (to_tsvector('simple'::regconfig, search_text));");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_repositories_search_vector;");
            migrationBuilder.Sql("ALTER TABLE repositories DROP COLUMN IF EXISTS search_vector;");

            migrationBuilder.DropIndex(
                name: "ix_repositories_tag_names",
                table: "repositories");

            migrationBuilder.DropColumn(
                name: "tag_names",
                table: "repositories");
        }
    }
}
