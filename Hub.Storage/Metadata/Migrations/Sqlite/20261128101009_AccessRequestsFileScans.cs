using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Storage.Metadata.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccessRequestsFileScans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_requests",
                columns: table => new
                {
                    repository_id = table.Column<string>(type: "TEXT", nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    fields = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    decided_by_user_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_requests", x => new { x.repository_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_access_requests_repositories_repository_id",
                        column: x => x.repository_id,
                        principalTable: "repositories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_access_requests_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "file_scans",
                columns: table => new
                {
                    content_key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    pickle_imports = table.Column<string>(type: "TEXT", nullable: true),
                    issues = table.Column<string>(type: "TEXT", nullable: true),
                    scanner_version = table.Column<int>(type: "INTEGER", nullable: false),
                    scanned_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_file_scans", x => x.content_key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_access_requests_repository_id_status_created_at",
                table: "access_requests",
                columns: new[] { "repository_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_access_requests_user_id",
                table: "access_requests",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_file_scans_status_scanned_at",
                table: "file_scans",
                columns: new[] { "status", "scanned_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_requests");

            migrationBuilder.DropTable(
                name: "file_scans");
        }
    }
}
