using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Storage.Metadata.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "job_leases",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    holder = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    next_run_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_leases", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "repository_revisions",
                columns: table => new
                {
                    repository_id = table.Column<string>(type: "TEXT", nullable: false),
                    commit_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    card_data = table.Column<string>(type: "TEXT", nullable: true),
                    pipeline_tag = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    library_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    indexed_data = table.Column<string>(type: "TEXT", nullable: true),
                    tags = table.Column<string>(type: "TEXT", nullable: false),
                    last_modified = table.Column<DateTime>(type: "TEXT", nullable: false),
                    indexed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
