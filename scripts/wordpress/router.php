<?php
/*
 * Router for PHP's built-in server in front of Debian's WordPress (see provision.mjs):
 *   php -S 127.0.0.1:PORT -t /usr/share/wordpress scripts/wordpress/router.php
 * with TOASOAN_WP_CONFIG (the name of /etc/wordpress/config-<name>.php) and TOASOAN_WP_UPLOADS (this instance's
 * uploads folder) in the environment.
 *   /wp-content/uploads/*  → TOASOAN_WP_UPLOADS (each instance keeps its media in its own state folder)
 *   /wp-content/*          → /var/lib/wordpress/wp-content (Debian keeps wp-content outside the web root)
 *   an existing file       → run (.php) or served by php -S
 *   anything else          → index.php (pretty permalinks: /wp-json/wp/v2/…, /%postname%/)
 * Every PHP file is run from here, never handed back to php -S, so that WORDPRESS_CONFIG reaches
 * Debian's wp-config.php on every request.
 */

const TOASOAN_WEB_ROOT = '/usr/share/wordpress';
const TOASOAN_CONTENT_DIR = '/var/lib/wordpress/wp-content';

$toasoan_config = getenv('TOASOAN_WP_CONFIG');
if (is_string($toasoan_config) && $toasoan_config !== '') {
    $_SERVER['WORDPRESS_CONFIG'] = $toasoan_config;
}

/**
 * A PHP file to run as if php -S had been asked for it directly; the file itself is required at the top level
 * below, never inside a function, because WordPress relies on its files' variables being globals.
 * @return array{0: string, 1: string}
 */
function toasoan_run(string $file, string $script_name): array
{
    $_SERVER['SCRIPT_FILENAME'] = $file;
    $_SERVER['SCRIPT_NAME'] = $script_name;
    $_SERVER['PHP_SELF'] = $script_name;
    unset($_SERVER['PATH_INFO'], $_SERVER['ORIG_PATH_INFO']);
    chdir(dirname($file));
    return [$file, $script_name];
}

/** The file under $base that $relative names, or null (missing, or outside $base). */
function toasoan_resolve(string $base, string $relative): ?string
{
    $real_base = realpath($base);
    $file = realpath($base . '/' . ltrim($relative, '/'));
    if ($real_base === false || $file === false) {
        return null;
    }
    if ($file !== $real_base && strpos($file, $real_base . '/') !== 0) {
        // Debian links themes and plugins from /var/lib/wordpress/wp-content into /usr/share/wordpress.
        if (strpos($file, TOASOAN_WEB_ROOT . '/wp-content/') !== 0) {
            return null;
        }
    }
    return $file;
}

/** Sends a static file that lies outside the web root (php -S only serves files under -t). */
function toasoan_send(string $file): bool
{
    $types = [
        'css' => 'text/css', 'js' => 'application/javascript', 'json' => 'application/json', 'svg' => 'image/svg+xml',
        'png' => 'image/png', 'jpg' => 'image/jpeg', 'jpeg' => 'image/jpeg', 'gif' => 'image/gif', 'webp' => 'image/webp',
        'avif' => 'image/avif', 'ico' => 'image/x-icon', 'woff' => 'font/woff', 'woff2' => 'font/woff2', 'ttf' => 'font/ttf',
        'pdf' => 'application/pdf', 'mp4' => 'video/mp4', 'mp3' => 'audio/mpeg', 'txt' => 'text/plain', 'html' => 'text/html',
    ];
    $extension = strtolower(pathinfo($file, PATHINFO_EXTENSION));
    $type = $types[$extension] ?? (function_exists('mime_content_type') ? mime_content_type($file) : false);
    header('Content-Type: ' . ($type ?: 'application/octet-stream'));
    header('Content-Length: ' . filesize($file));
    header('Last-Modified: ' . gmdate('D, d M Y H:i:s', filemtime($file)) . ' GMT');
    if (($_SERVER['REQUEST_METHOD'] ?? 'GET') !== 'HEAD') {
        readfile($file);
    }
    return true;
}

function toasoan_not_found(): bool
{
    http_response_code(404);
    header('Content-Type: text/plain; charset=utf-8');
    echo "Not Found\n";
    return true;
}

/** @return bool|array{0: string, 1: string} true: answered; false: php -S serves the file; array: run that file */
function toasoan_route()
{
    $path = rawurldecode(parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/');

    if (strpos($path, '/wp-content/') === 0) {
        $uploads = getenv('TOASOAN_WP_UPLOADS');
        if (strpos($path, '/wp-content/uploads/') === 0 && is_string($uploads) && $uploads !== '') {
            $file = toasoan_resolve($uploads, substr($path, strlen('/wp-content/uploads/')));
        } else {
            $file = toasoan_resolve(TOASOAN_CONTENT_DIR, substr($path, strlen('/wp-content/')));
        }
        if ($file === null || !is_file($file)) {
            return toasoan_not_found();
        }
        return substr($file, -4) === '.php' ? toasoan_run($file, $path) : toasoan_send($file);
    }

    $file = toasoan_resolve(TOASOAN_WEB_ROOT, $path);
    if ($file !== null && is_dir($file)) {
        if (substr($path, -1) !== '/') {
            $query = parse_url($_SERVER['REQUEST_URI'] ?? '', PHP_URL_QUERY);
            header('Location: ' . $path . '/' . ($query ? '?' . $query : ''), true, 301);
            return true;
        }
        $file = is_file($file . '/index.php') ? $file . '/index.php' : null;
        if ($file !== null) {
            return toasoan_run($file, rtrim($path, '/') . '/index.php');
        }
    }
    if ($file !== null && is_file($file)) {
        if (substr($file, -4) === '.php') {
            return toasoan_run($file, $path);
        }
        return false; // a static file under the web root: php -S serves it
    }
    return toasoan_run(TOASOAN_WEB_ROOT . '/index.php', '/index.php');
}

$toasoan_route = toasoan_route();
if (is_array($toasoan_route)) {
    require $toasoan_route[0];
    return true;
}
return $toasoan_route;
