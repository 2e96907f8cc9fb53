<?php
/*
 * Installs WordPress into the empty database named by /etc/wordpress/config-<TOASOAN_WP_CONFIG>.php, with PHP's CLI
 * (Debian has no WP-CLI). Run by provision.mjs, not by hand:
 *   TOASOAN_WP_CONFIG=toasoan-8089 TOASOAN_WP_URL=http://127.0.0.1:8089 TOASOAN_WP_UPLOADS=/state/uploads \
 *   TOASOAN_WP_RESULT=/state/install.json php scripts/wordpress/install.php
 * It makes the site (title, permalinks /%postname%/, Vietnam's time zone, uploads in the instance's own folder),
 * one user per role, each with an Application Password, and the categories the publishing tests map to, then
 * writes what it made as JSON to TOASOAN_WP_RESULT.
 */

if (PHP_SAPI !== 'cli') {
    http_response_code(404);
    exit;
}

function toasoan_env(string $name): string
{
    $value = getenv($name);
    if (!is_string($value) || $value === '') {
        fwrite(STDERR, "install.php: $name is not set\n");
        exit(2);
    }
    return $value;
}

$toasoan_url = rtrim(toasoan_env('TOASOAN_WP_URL'), '/');
$toasoan_uploads = toasoan_env('TOASOAN_WP_UPLOADS');
$toasoan_result = toasoan_env('TOASOAN_WP_RESULT');
$toasoan_parts = parse_url($toasoan_url);

// Debian's wp-config.php picks /etc/wordpress/config-<WORDPRESS_CONFIG>.php (else config-<host>.php).
$_SERVER['WORDPRESS_CONFIG'] = toasoan_env('TOASOAN_WP_CONFIG');
$_SERVER['HTTP_HOST'] = $toasoan_parts['host'] . (isset($toasoan_parts['port']) ? ':' . $toasoan_parts['port'] : '');
$_SERVER['SERVER_NAME'] = $toasoan_parts['host'];
$_SERVER['SERVER_PORT'] = (string) ($toasoan_parts['port'] ?? 80);
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REQUEST_URI'] = '/wp-admin/install.php';
$_SERVER['SCRIPT_NAME'] = '/wp-admin/install.php';
$_SERVER['PHP_SELF'] = '/wp-admin/install.php';

define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

if (is_blog_installed()) {
    fwrite(STDERR, "install.php: the database already holds a WordPress site (provision.mjs recreates it empty)\n");
    exit(3);
}

$toasoan_admin_password = wp_generate_password(24, false);
$toasoan_installed = wp_install(
    'Cổng thông tin điện tử thị xã Giá Rai',
    'quantri',
    'quantri@giarai.example',
    false, // not public: asks search engines not to index
    '',
    wp_slash($toasoan_admin_password)
);
$toasoan_admin_id = (int) $toasoan_installed['user_id'];
wp_update_user(['ID' => $toasoan_admin_id, 'display_name' => 'Trần Quản Trị', 'first_name' => 'Quản Trị', 'last_name' => 'Trần']);

update_option('blogdescription', 'Trang tin của Ủy ban nhân dân thị xã Giá Rai, tỉnh Bạc Liêu');
update_option('timezone_string', 'Asia/Ho_Chi_Minh');
update_option('date_format', 'd/m/Y');
update_option('time_format', 'H:i');
update_option('upload_path', $toasoan_uploads);
update_option('upload_url_path', $toasoan_url . '/wp-content/uploads');
update_option('uploads_use_yearmonth_folders', 1);

global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
flush_rewrite_rules(false); // no .htaccess: router.php sends unknown paths to index.php

$toasoan_users = [
    'administrator' => ['id' => $toasoan_admin_id, 'username' => 'quantri', 'password' => $toasoan_admin_password],
];
$toasoan_people = [
    'contributor' => ['congtacvien', 'Lê Cộng Tác'],
    'author' => ['phongvien', 'Nguyễn Phóng Viên'],
    'editor' => ['bientap', 'Phạm Biên Tập'],
];
foreach ($toasoan_people as $toasoan_role => [$toasoan_login, $toasoan_name]) {
    $toasoan_password = wp_generate_password(24, false);
    $toasoan_id = wp_insert_user([
        'user_login' => $toasoan_login,
        'user_pass' => $toasoan_password,
        'user_email' => $toasoan_login . '@giarai.example',
        'display_name' => $toasoan_name,
        'role' => $toasoan_role,
    ]);
    if (is_wp_error($toasoan_id)) {
        fwrite(STDERR, "install.php: user $toasoan_login: " . $toasoan_id->get_error_message() . "\n");
        exit(4);
    }
    $toasoan_users[$toasoan_role] = ['id' => (int) $toasoan_id, 'username' => $toasoan_login, 'password' => $toasoan_password];
}

foreach ($toasoan_users as $toasoan_role => $toasoan_user) {
    $toasoan_created = WP_Application_Passwords::create_new_application_password(
        $toasoan_user['id'],
        ['name' => 'Tòa Soạn (tests)']
    );
    if (is_wp_error($toasoan_created)) {
        fwrite(STDERR, "install.php: application password for {$toasoan_user['username']}: " . $toasoan_created->get_error_message() . "\n");
        exit(5);
    }
    $toasoan_users[$toasoan_role]['appPassword'] = $toasoan_created[0];
}

$toasoan_categories = [];
foreach (['Tin tức - Sự kiện', 'Chính trị', 'Kinh tế'] as $toasoan_category) {
    $toasoan_term = wp_insert_term($toasoan_category, 'category');
    if (is_wp_error($toasoan_term)) {
        fwrite(STDERR, "install.php: category $toasoan_category: " . $toasoan_term->get_error_message() . "\n");
        exit(6);
    }
    $toasoan_categories[$toasoan_category] = (int) $toasoan_term['term_id'];
}

$toasoan_json = json_encode(
    [
        'wordpressVersion' => get_bloginfo('version'),
        'title' => get_option('blogname'),
        'users' => $toasoan_users,
        'categories' => $toasoan_categories,
    ],
    JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRETTY_PRINT
);
if (file_put_contents($toasoan_result, $toasoan_json . "\n") === false) {
    fwrite(STDERR, "install.php: cannot write $toasoan_result\n");
    exit(7);
}
