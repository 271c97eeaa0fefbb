#!/bin/sh
#
# The entrypoint of scripts/image-check's nginx image: what compose/docker-compose.yml relies on
# from the official image's entrypoint, and no more. Before `nginx`, each file of
# /docker-entrypoint.d in name order: an executable *.envsh is sourced (it may export variables),
# an executable *.sh is run; then every /etc/nginx/templates/NAME.template becomes
# /etc/nginx/conf.d/NAME, with only the variables defined in the environment filled in (so
# nginx's own $variables stay as they are).
set -eu
if [ "${1:-}" = nginx ]; then
    for f in /docker-entrypoint.d/*; do
        [ -x "$f" ] || continue
        case "$f" in
            *.envsh) . "$f" ;;
            *.sh) "$f" ;;
        esac
    done
    defined="$(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/${\1}/p' | tr '\n' ' ')"
    for template in /etc/nginx/templates/*.template; do
        [ -e "$template" ] || continue
        name="$(basename "$template" .template)"
        envsubst "$defined" <"$template" >"/etc/nginx/conf.d/$name"
    done
fi
exec "$@"
