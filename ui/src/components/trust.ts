// How a profile trusts its server's certificate, in one line for the profile card.
import type { TlsTrust } from "../api/backend";

/** One line saying how a profile trusts its server's certificate. */
export function describeTrust(trust: TlsTrust): string {
  switch (trust.mode) {
    case "system":
      return "Verified with the system's certificate authorities";
    case "ca_file":
      return `Verified with the CA file ${trust.path}`;
    case "pinned":
      return `Pinned certificate, SHA-256 ${trust.sha256}`;
    case "insecure":
      return "Any certificate accepted (insecure)";
  }
}
