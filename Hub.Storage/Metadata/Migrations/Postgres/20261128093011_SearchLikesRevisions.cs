using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Storage.Metadata.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchLikesRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "repositories",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "job_leases",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    holder = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    next_run_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_leases", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "repository_revisions",
                columns: table => new
                {
                    repository_id = table.Column<string>(type: "character varying(24)", nullable: false),
                    commit_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    card_data = table.Column<string>(type: "text", nullable: true),
                    pipeline_tag = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    library_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    indexed_data = table.Column<string>(type: "text", nullable: true),
                    tags = table.Column<string>(type: "text", nullable: false),
                    last_modified = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    indexed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_repository_revisions", x => new { x.repository_id, x.commit_id });
                    table.ForeignKey(
                        name: "fk_repository_revisions_repositories_repository_id",
                        column: x => x.repository_id,
                        principalTable: "repositories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_repositories_type_library_name",
                table: "repositories",
                columns: new[] { "type", "library_name" });

            migrationBuilder.CreateIndex(
                name: "ix_likes_created_at",
                table: "likes",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_daily_downloads_day",
                table: "daily_downloads",
                column: "day");

            // Search (RepositoryListQuery.Search): id substrings through trigrams, card words through a tsvector. The
            // expression must stay exactly what the query writes: to_tsvector('simple'::regconfig, search_text).
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql(
                "CREATE INDEX ix_repositories_normalized_full_name_trgm ON repositories USING gin (normalized_full_name gin_trgm_ops);");
            migrationBuilder.Sql(
                "CREATE INDEX ix_repositories_search_text_fts ON repositories USING gin (to_tsvector('simple'::regconfig, search_text));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_repositories_search_text_fts;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_repositories_normalized_full_name_trgm;");

            migrationBuilder.DropTable(
                name: "job_leases");

            migrationBuilder.DropTable(
                name: "repository_revisions");

            migrationBuilder.DropIndex(
                name: "ix_repositories_type_library_name",
                table: "repositories");

            migrationBuilder.DropIndex(
                name: "ix_likes_created_at",
                table: "likes");

            migrationBuilder.DropIndex(
                name: "ix_daily_downloads_day",
                table: "daily_downloads");

            migrationBuilder.DropColumn(
                name: "search_text",
                table: "repositories");
        }
    }
}
