# Sourced by the scripts at the repository root: finds a JDK >= 21 and exports JAVA_HOME and PATH for it.
# Order: $JAVA_HOME, then the usual install folders (newest first), then `java` on the PATH.

t2t_java_major() {  # prints the major version of the java binary $1, or nothing
  # The JDK's release file answers without starting a JVM (which costs a tenth of a second or more); it is read with
  # bash's own builtins, as every process started here delays each command's start (tens of ms on a busy machine).
  local release="${1%/bin/java}/release" line version
  if [ -f "$release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_VERSION=*)
          version=${line#JAVA_VERSION=}
          version=${version//\"/}
          version=${version#1.}
          echo "${version%%[!0-9]*}"
          return 0 ;;
      esac
    done < "$release"
  else
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
  fi
}

t2t_usable_jdk() {  # whether $1 is a JDK >= 21 (java and javac)
  local major
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  major=$(t2t_java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 21 ]
}

t2t_find_jdk() {
  # $JAVA_HOME first, and alone when it fits: the folder listing below costs processes on every start
  if [ -n "${JAVA_HOME:-}" ] && t2t_usable_jdk "$JAVA_HOME"; then
    echo "$JAVA_HOME"
    return 0
  fi
  local candidates=() home java
  for home in $(ls -d /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    candidates+=("$home")
  done
  if command -v java >/dev/null 2>&1; then
    java=$(readlink -f "$(command -v java)")
    candidates+=("${java%/bin/java}")
  fi
  for home in "${candidates[@]}"; do
    if t2t_usable_jdk "$home"; then
      echo "$home"
      return 0
    fi
  done
  return 1
}

if ! T2T_JAVA_HOME=$(t2t_find_jdk); then
  cat >&2 <<'MSG'
trace2train needs a JDK 21 or newer (java and javac), and none was found.
Looked at $JAVA_HOME, /usr/lib/jvm/*, /usr/local/lib/jvm/*, /opt/java/*, ~/.sdkman and `java` on the PATH.
Install one (Debian/Ubuntu: `apt-get install openjdk-21-jdk`, or Temurin 21+ from adoptium.net),
or point JAVA_HOME at an installed JDK 21+, then run this command again.
MSG
  exit 2
fi
export JAVA_HOME="$T2T_JAVA_HOME"
export PATH="$JAVA_HOME/bin:$PATH"
T2T_JAVA_MAJOR=$(t2t_java_major "$JAVA_HOME/bin/java")
# Maven's own Guava warns on JDK 24+ about sun.misc.Unsafe; allow it quietly where the flag exists.
if [ "$T2T_JAVA_MAJOR" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
