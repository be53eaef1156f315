export declare const SECURITY_HEADERS: Readonly<Record<string, string>>;
export declare const NON_PAGE_CONTENT_SECURITY_POLICY: string;
