export function Logo({ className = "text-white" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={`size-8 ${className}`} aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="currentColor" opacity="0.15" />
      <path
        d="M9 11v6a7 7 0 0 0 14 0v-6"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
      <circle cx="16" cy="17" r="2.5" fill="currentColor" />
    </svg>
  );
}
