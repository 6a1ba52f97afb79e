# Sourced by the scripts at the repository root: finds a JDK >= 21 and exports JAVA_HOME and PATH for it.
# Order: $JAVA_HOME, then the usual install folders (newest first), then `java` on the PATH.

t2t_java_major() {  # prints the major version of the java binary $1, or nothing
  # The JDK's release file answers without starting a JVM (which costs a tenth of a second or more).
  local release
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$release" | head -n 1
  else
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
  fi
}

t2t_find_jdk() {
  local candidates=() home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for home in $(ls -d /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    candidates+=("$home")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(t2t_java_major "$home/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
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
