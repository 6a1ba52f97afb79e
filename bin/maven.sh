# Sourced by the scripts at the repository root after jdk.sh: sets T2T_MVN to the Maven to build with.
# An installed `mvn` (3.8+) is used as is; without one, the Maven wrapper (./mvnw) fetches the pinned Maven once.
T2T_ROOT=$(cd "${BASH_SOURCE[0]%/*}/.." && pwd)  # sourced by its path, which has a folder: no dirname process
if command -v mvn >/dev/null 2>&1; then
  T2T_MVN=mvn
elif command -v curl >/dev/null 2>&1 || command -v wget >/dev/null 2>&1; then
  T2T_MVN="$T2T_ROOT/mvnw"
else
  echo "trace2train needs Apache Maven 3.8+ (\`apt-get install maven\`), or curl or wget for ./mvnw to fetch it." >&2
  exit 2
fi
