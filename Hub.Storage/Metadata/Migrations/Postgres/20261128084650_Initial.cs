using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hub.Storage.Metadata.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor_user_id = table.Column<long>(type: "bigint", nullable: true),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    target = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    details = table.Column<string>(type: "text", nullable: true),
                    remote_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lfs_objects",
                columns: table => new
                {
                    oid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    verified = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lfs_objects", x => x.oid);
                });

            migrationBuilder.CreateTable(
                name: "namespaces",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                    normalized_name = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    full_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_namespaces", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "repositories",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    namespace_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                    normalized_full_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    full_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    @private = table.Column<bool>(name: "private", type: "boolean", nullable: false),
                    gated = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    disabled = table.Column<bool>(type: "boolean", nullable: false),
                    default_branch = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    head_commit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_modified = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    card_data = table.Column<string>(type: "text", nullable: true),
                    pipeline_tag = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    library_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    sdk = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    indexed_data = table.Column<string>(type: "text", nullable: true),
                    likes = table.Column<int>(type: "integer", nullable: false),
                    downloads = table.Column<long>(type: "bigint", nullable: false),
                    downloads_all_time = table.Column<long>(type: "bigint", nullable: false),
                    trending_score = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_repositories", x => x.id);
                    table.ForeignKey(
                        name: "fk_repositories_namespaces_namespace_id",
                        column: x => x.namespace_id,
                        principalTable: "namespaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    password_hash = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    is_admin = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                    table.ForeignKey(
                        name: "fk_users_namespaces_id",
                        column: x => x.id,
                        principalTable: "namespaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "daily_downloads",
                columns: table => new
                {
                    repository_id = table.Column<string>(type: "character varying(24)", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_downloads", x => new { x.repository_id, x.day });
                    table.ForeignKey(
                        name: "fk_daily_downloads_repositories_repository_id",
                        column: x => x.repository_id,
                        principalTable: "repositories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "repository_lfs_objects",
                columns: table => new
                {
                    repository_id = table.Column<string>(type: "character varying(24)", nullable: false),
                    oid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_repository_lfs_objects", x => new { x.repository_id, x.oid });
                    table.ForeignKey(
                        name: "fk_repository_lfs_objects_lfs_objects_oid",
                        column: x => x.oid,
                        principalTable: "lfs_objects",
                        principalColumn: "oid",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_repository_lfs_objects_repositories_repository_id",
                        column: x => x.repository_id,
                        principalTable: "repositories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "repository_redirects",
                columns: table => new
                {
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    normalized_full_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    repository_id = table.Column<string>(type: "character varying(24)", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_repository_redirects", x => new { x.type, x.normalized_full_name });
                    table.ForeignKey(
                        name: "fk_repository_redirects_repositories_repository_id",
                        column: x => x.repository_id,
                        principalTable: "repositories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "repository_tags",
                columns: table => new
                {
                    repository_id = table.Column<string>(type: "character varying(24)", nullable: false),
                    tag = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_repository_tags", x => new { x.repository_id, x.tag });
                    table.ForeignKey(
                        name: "fk_repository_tags_repositories_repository_id",
                        column: x => x.repository_id,
                        principalTable: "repositories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "upload_sessions",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    repository_id = table.Column<string>(type: "character varying(24)", nullable: false),
                    oid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    staging_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    multipart_upload_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    chunk_size = table.Column<long>(type: "bigint", nullable: false),
                    part_count = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_upload_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_upload_sessions_repositories_repository_id",
                        column: x => x.repository_id,
                        principalTable: "repositories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "access_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    display_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scopes = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_access_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "likes",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    repository_id = table.Column<string>(type: "character varying(24)", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_likes", x => new { x.user_id, x.repository_id });
                    table.ForeignKey(
                        name: "fk_likes_repositories_repository_id",
                        column: x => x.repository_id,
                        principalTable: "repositories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_likes_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "memberships",
                columns: table => new
                {
                    organization_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_memberships", x => new { x.organization_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_memberships_namespaces_organization_id",
                        column: x => x.organization_id,
                        principalTable: "namespaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_memberships_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_access_tokens_token_hash",
                table: "access_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_access_tokens_user_id",
                table: "access_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_actor_user_id_at",
                table: "audit_log",
                columns: new[] { "actor_user_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_likes_repository_id",
                table: "likes",
                column: "repository_id");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_user_id",
                table: "memberships",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_namespaces_normalized_name",
                table: "namespaces",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_repositories_namespace_id",
                table: "repositories",
                column: "namespace_id");

            migrationBuilder.CreateIndex(
                name: "ix_repositories_type_created_at_id",
                table: "repositories",
                columns: new[] { "type", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_repositories_type_downloads_id",
                table: "repositories",
                columns: new[] { "type", "downloads", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_repositories_type_last_modified_id",
                table: "repositories",
                columns: new[] { "type", "last_modified", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_repositories_type_likes_id",
                table: "repositories",
                columns: new[] { "type", "likes", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_repositories_type_normalized_full_name",
                table: "repositories",
                columns: new[] { "type", "normalized_full_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_repositories_type_trending_score_id",
                table: "repositories",
                columns: new[] { "type", "trending_score", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_repository_lfs_objects_oid",
                table: "repository_lfs_objects",
                column: "oid");

            migrationBuilder.CreateIndex(
                name: "ix_repository_redirects_repository_id",
                table: "repository_redirects",
                column: "repository_id");

            migrationBuilder.CreateIndex(
                name: "ix_repository_tags_tag_repository_id",
                table: "repository_tags",
                columns: new[] { "tag", "repository_id" });

            migrationBuilder.CreateIndex(
                name: "ix_upload_sessions_expires_at",
                table: "upload_sessions",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_upload_sessions_oid",
                table: "upload_sessions",
                column: "oid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_upload_sessions_repository_id",
                table: "upload_sessions",
                column: "repository_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_tokens");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "daily_downloads");

            migrationBuilder.DropTable(
                name: "likes");

            migrationBuilder.DropTable(
                name: "memberships");

            migrationBuilder.DropTable(
                name: "repository_lfs_objects");

            migrationBuilder.DropTable(
                name: "repository_redirects");

            migrationBuilder.DropTable(
                name: "repository_tags");

            migrationBuilder.DropTable(
                name: "upload_sessions");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "lfs_objects");

            migrationBuilder.DropTable(
                name: "repositories");

            migrationBuilder.DropTable(
                name: "namespaces");
        }
    }
}
