// Generated from the server's /openapi.json by `npm run generate:api`: do not edit.

export interface paths {
    "/api/v1/carriers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List carriers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Carriers */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            carriers: {
                                carrier_id: string;
                                /** Format: date-time */
                                created_at: string;
                                display_name: string;
                                secrets: {
                                    /** Format: date-time */
                                    created_at: string;
                                    /** @description the first characters only; the full secret is shown once */
                                    hint: string;
                                    secret_id: string;
                                }[];
                                status_mapping: {
                                    [key: string]: string;
                                };
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a carrier
         * @description Admins only. Answers the signing secret in full, this once; later answers show a hint only.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        carrier_id: string;
                        display_name: string;
                        /** @description Standard Webhooks secret: "whsec_" + base64 of 16–128 random bytes; omit to have one generated */
                        secret?: string;
                        /** @description carrier status (matched case-insensitively) → order status; default SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY → IN_DELIVERY; DELIVERED, COMPLETED → DELIVERED */
                        status_mapping?: {
                            [key: string]: "IN_DELIVERY" | "DELIVERED";
                        };
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            carrier: {
                                carrier_id: string;
                                /** Format: date-time */
                                created_at: string;
                                display_name: string;
                                secrets: {
                                    /** Format: date-time */
                                    created_at: string;
                                    /** @description the first characters only; the full secret is shown once */
                                    hint: string;
                                    secret_id: string;
                                }[];
                                status_mapping: {
                                    [key: string]: string;
                                };
                                /** Format: date-time */
                                updated_at: string;
                            };
                            secret: {
                                /** Format: date-time */
                                created_at: string;
                                /** @description the whole secret: shown in this answer only */
                                secret: string;
                                secret_id: string;
                            };
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description CARRIER_EXISTS */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "CARRIER_EXISTS";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/carriers/{carrier}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One carrier */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    carrier: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The carrier */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            carrier_id: string;
                            /** Format: date-time */
                            created_at: string;
                            display_name: string;
                            secrets: {
                                /** Format: date-time */
                                created_at: string;
                                /** @description the first characters only; the full secret is shown once */
                                hint: string;
                                secret_id: string;
                            }[];
                            status_mapping: {
                                [key: string]: string;
                            };
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description CARRIER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "CARRIER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a carrier's name or status mapping */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    carrier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        display_name?: string;
                        /** @description carrier status (matched case-insensitively) → order status; default SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY → IN_DELIVERY; DELIVERED, COMPLETED → DELIVERED */
                        status_mapping?: {
                            [key: string]: "IN_DELIVERY" | "DELIVERED";
                        };
                    };
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            carrier_id: string;
                            /** Format: date-time */
                            created_at: string;
                            display_name: string;
                            secrets: {
                                /** Format: date-time */
                                created_at: string;
                                /** @description the first characters only; the full secret is shown once */
                                hint: string;
                                secret_id: string;
                            }[];
                            status_mapping: {
                                [key: string]: string;
                            };
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description CARRIER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "CARRIER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/carriers/{carrier}/secrets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a signing secret (rotation)
         * @description The new secret works at once, beside the old ones, until an admin retires them. The body is optional: without `secret` one is generated. Answers the secret in full, this once.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    carrier: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @description Standard Webhooks secret: "whsec_" + base64 of 16–128 random bytes; omit to have one generated */
                        secret?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Added */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            /** @description the whole secret: shown in this answer only */
                            secret: string;
                            secret_id: string;
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description CARRIER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "CARRIER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/carriers/{carrier}/secrets/{secret_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Retire a signing secret
         * @description Webhooks signed with it are refused from now on. The last secret cannot be retired (409).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    carrier: string;
                    secret_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Retired */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description CARRIER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "CARRIER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description CARRIER_LAST_SECRET */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "CARRIER_LAST_SECRET";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courier/location": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Report the courier's location
         * @description Couriers only. READY orders are then listed nearest first from here.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lat: number;
                        lon: number;
                    };
                };
            };
            responses: {
                /** @description Recorded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lat: number;
                            lon: number;
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courier/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List READY orders to pick up
         * @description Couriers only: READY orders not handed to a carrier, nearest pickup first from the courier's last reported location.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Orders waiting for a courier */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            location: {
                                lat: number;
                                lon: number;
                            } | null;
                            orders: {
                                assigned_at: string | null;
                                /** @description the delivery location, if any */
                                destination: {
                                    lat: number;
                                    lon: number;
                                } | null;
                                /** @description from the courier's last reported location; null before they reported one */
                                distance_km: number | null;
                                food_point_id: string | null;
                                food_point_name: string;
                                items: {
                                    name: string;
                                    product_id: string;
                                    quantity: number;
                                    /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                    unit_price: number;
                                }[];
                                order_id: string;
                                pickup: {
                                    lat: number;
                                    lon: number;
                                };
                                /** @description ASSIGNED, READY, … as fulfilment sees the order */
                                status: string;
                            }[];
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courier/orders/{id}/deliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deliver an order
         * @description The courier who picked the order up: IN_DELIVERY → DELIVERED. Any other courier gets 404.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Delivered */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            order_id: string;
                            /** @enum {string} */
                            previous_status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                            /** @enum {string} */
                            status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_INVALID_TRANSITION, CONCURRENCY_CONFLICT */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_INVALID_TRANSITION" | "CONCURRENCY_CONFLICT";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courier/orders/{id}/pickup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pick up a READY order
         * @description Couriers only: READY → IN_DELIVERY; the kitchen slot comes free. Of two couriers racing, one wins; the other gets 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description In delivery */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            order_id: string;
                            /** @enum {string} */
                            previous_status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                            /** @enum {string} */
                            status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_INVALID_TRANSITION, CONCURRENCY_CONFLICT */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_INVALID_TRANSITION" | "CONCURRENCY_CONFLICT";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/food-points": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List food points
         * @description Admins only. Every point with its load and ingredient stock.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The food points */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            food_points: {
                                accepts_delivery: boolean;
                                /** @description orders in the kitchen at once */
                                capacity: number;
                                id: string;
                                /** @description orders in the kitchen now */
                                in_kitchen: number;
                                location: {
                                    lat: number;
                                    lon: number;
                                };
                                name: string;
                                /** @description user ids of its kitchen staff */
                                staff?: string[];
                                /** @description ingredient → units in stock */
                                stock: {
                                    [key: string]: number;
                                };
                            }[];
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/food-points/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a food point
         * @description Admins only. The point with its stock and kitchen staff.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The food point */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepts_delivery: boolean;
                            /** @description orders in the kitchen at once */
                            capacity: number;
                            id: string;
                            /** @description orders in the kitchen now */
                            in_kitchen: number;
                            location: {
                                lat: number;
                                lon: number;
                            };
                            name: string;
                            /** @description user ids of its kitchen staff */
                            staff?: string[];
                            /** @description ingredient → units in stock */
                            stock: {
                                [key: string]: number;
                            };
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FOOD_POINT_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FOOD_POINT_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /**
         * Create or update a food point
         * @description Admins only. Sets the name, location, delivery switch and capacity; its load and stock are kept. 201 when created.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description takes orders with a delivery location */
                        accepts_delivery: boolean;
                        /** @description orders in the kitchen at once */
                        capacity: number;
                        location: {
                            lat: number;
                            lon: number;
                        };
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Updated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepts_delivery: boolean;
                            /** @description orders in the kitchen at once */
                            capacity: number;
                            id: string;
                            /** @description orders in the kitchen now */
                            in_kitchen: number;
                            location: {
                                lat: number;
                                lon: number;
                            };
                            name: string;
                            /** @description user ids of its kitchen staff */
                            staff?: string[];
                            /** @description ingredient → units in stock */
                            stock: {
                                [key: string]: number;
                            };
                        };
                    };
                };
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepts_delivery: boolean;
                            /** @description orders in the kitchen at once */
                            capacity: number;
                            id: string;
                            /** @description orders in the kitchen now */
                            in_kitchen: number;
                            location: {
                                lat: number;
                                lon: number;
                            };
                            name: string;
                            /** @description user ids of its kitchen staff */
                            staff?: string[];
                            /** @description ingredient → units in stock */
                            stock: {
                                [key: string]: number;
                            };
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/food-points/{id}/staff/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Assign kitchen staff
         * @description Admins only. Ties a kitchen user to this point (a user works at one point: an earlier assignment is replaced).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    user_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The point with its staff */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepts_delivery: boolean;
                            /** @description orders in the kitchen at once */
                            capacity: number;
                            id: string;
                            /** @description orders in the kitchen now */
                            in_kitchen: number;
                            location: {
                                lat: number;
                                lon: number;
                            };
                            name: string;
                            /** @description user ids of its kitchen staff */
                            staff?: string[];
                            /** @description ingredient → units in stock */
                            stock: {
                                [key: string]: number;
                            };
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FOOD_POINT_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FOOD_POINT_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/food-points/{id}/stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set ingredient stock
         * @description Admins only. Sets the units of the named ingredients; others are unchanged.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description ingredient → units */
                        ingredients: {
                            [key: string]: number;
                        };
                    };
                };
            };
            responses: {
                /** @description The point with its new stock */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepts_delivery: boolean;
                            /** @description orders in the kitchen at once */
                            capacity: number;
                            id: string;
                            /** @description orders in the kitchen now */
                            in_kitchen: number;
                            location: {
                                lat: number;
                                lon: number;
                            };
                            name: string;
                            /** @description user ids of its kitchen staff */
                            staff?: string[];
                            /** @description ingredient → units in stock */
                            stock: {
                                [key: string]: number;
                            };
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FOOD_POINT_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FOOD_POINT_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kitchen/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the kitchen's orders
         * @description Kitchen staff only: the orders in their point's kitchen (ASSIGNED, READY), newest assigned first, with items. 403 when no admin has tied the user to a point.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The point's orders */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            food_point_id: string;
                            orders: {
                                assigned_at: string | null;
                                /** @description the delivery location, if any */
                                destination: {
                                    lat: number;
                                    lon: number;
                                } | null;
                                food_point_id: string | null;
                                items: {
                                    name: string;
                                    product_id: string;
                                    quantity: number;
                                    /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                    unit_price: number;
                                }[];
                                order_id: string;
                                /** @description ASSIGNED, READY, … as fulfilment sees the order */
                                status: string;
                            }[];
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kitchen/orders/{id}/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark an order READY
         * @description Kitchen staff of the order's point: ASSIGNED → READY, consuming its ingredients. Another point's order is 404; any other status 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ready */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            order_id: string;
                            /** @enum {string} */
                            previous_status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                            /** @enum {string} */
                            status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_INVALID_TRANSITION, CONCURRENCY_CONFLICT */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_INVALID_TRANSITION" | "CONCURRENCY_CONFLICT";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/basket": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the buyer's basket */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The buyer's basket, priced now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            all_available: boolean;
                            /** @description null while empty */
                            currency: string | null;
                            items: {
                                /** @description units in stock now */
                                available: number;
                                currency: string;
                                is_available: boolean;
                                /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                line_total: number;
                                name: string;
                                product_id: string;
                                quantity: number;
                                /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                unit_price: number;
                            }[];
                            /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                            total: number;
                            /** @description grows with every change; 0 before the first */
                            version: number;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /**
         * Replace the buyer's basket
         * @description The whole basket: known products only, at most 50 products and 99 units of each, one currency (else 400). Repeated lines of a product add up. Availability is judged at checkout.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        items: {
                            product_id: string;
                            /** @description at most 99 per product */
                            quantity: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description The buyer's basket, priced now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            all_available: boolean;
                            /** @description null while empty */
                            currency: string | null;
                            items: {
                                /** @description units in stock now */
                                available: number;
                                currency: string;
                                is_available: boolean;
                                /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                line_total: number;
                                name: string;
                                product_id: string;
                                quantity: number;
                                /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                unit_price: number;
                            }[];
                            /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                            total: number;
                            /** @description grows with every change; 0 before the first */
                            version: number;
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/basket/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Order what is in the basket
         * @description Places the order from the basket exactly as `POST /api/v1/orders` does (400 PRODUCT_UNAVAILABLE with the availability items, 406 INSUFFICIENT_FUNDS, `Idempotency-Key` honoured) and empties the basket only when an order was placed. A retry with the same key after the basket was emptied answers the same order.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        delivery?: {
                            address: string;
                            lat?: number;
                            lon?: number;
                        };
                        payment?: {
                            /** @enum {string} */
                            method: "wallet";
                        };
                    };
                };
            };
            responses: {
                /** @description Created: PENDING, or PAID when payment was asked */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cancellation_reason?: string;
                            carrier?: string;
                            /** Format: date-time */
                            created_at: string;
                            currency: string;
                            customer_email?: string | null;
                            customer_id: string;
                            customer_name?: string | null;
                            delivered_at?: string;
                            delivery: {
                                address: string;
                                lat?: number;
                                lon?: number;
                            } | null;
                            delivery_location?: string;
                            food_point_id?: string;
                            history?: {
                                at: string;
                                event_id: string;
                                /** @enum {string} */
                                status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                            }[];
                            items: {
                                name: string;
                                product_id: string;
                                quantity: number;
                                /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                unit_price: number;
                            }[];
                            /** Format: uuid */
                            order_id: string;
                            payment?: {
                                /** @enum {string} */
                                method: "wallet";
                                operation_id: string;
                            };
                            /** @enum {string} */
                            status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                            /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                            total: number;
                            tracking_number?: string;
                            /** Format: date-time */
                            updated_at?: string;
                        };
                    };
                };
                /** @description VALIDATION_FAILED, BASKET_EMPTY, PRODUCT_UNAVAILABLE */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED" | "BASKET_EMPTY" | "PRODUCT_UNAVAILABLE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INSUFFICIENT_FUNDS */
                406: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INSUFFICIENT_FUNDS";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description IDEMPOTENCY_KEY_IN_PROGRESS, TOO_MANY_UNPAID_ORDERS */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "IDEMPOTENCY_KEY_IN_PROGRESS" | "TOO_MANY_UNPAID_ORDERS";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description IDEMPOTENCY_KEY_REUSED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "IDEMPOTENCY_KEY_REUSED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's push devices
         * @description Oldest first, with their state: a disabled device is never pushed to again.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The devices */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            devices: {
                                /** Format: date-time */
                                created_at: string;
                                /** @description why it was disabled: the provider's answer (e.g. UNREGISTERED, BadDeviceToken) */
                                disabled_reason: string | null;
                                id: string;
                                platform: "android" | "ios";
                                state: "active" | "disabled";
                                token: string;
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a push token
         * @description Idempotent per token: registering it again answers 200 with the same device. A token registered by another user moves to the caller.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        platform: "android" | "ios";
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Already registered by the caller */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            /** @description why it was disabled: the provider's answer (e.g. UNREGISTERED, BadDeviceToken) */
                            disabled_reason: string | null;
                            id: string;
                            platform: "android" | "ios";
                            state: "active" | "disabled";
                            token: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
                /** @description Registered (or moved to the caller) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            /** @description why it was disabled: the provider's answer (e.g. UNREGISTERED, BadDeviceToken) */
                            disabled_reason: string | null;
                            id: string;
                            platform: "android" | "ios";
                            state: "active" | "disabled";
                            token: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/devices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a push device */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description DEVICE_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "DEVICE_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/order-page": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The buyer's order page in one answer
         * @description Seed 001's gateway assembly: the buyer's recent orders (newest first), basket, menu and profile.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Orders, basket, menu and profile */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The buyer's basket, priced now */
                            basket: {
                                all_available: boolean;
                                /** @description null while empty */
                                currency: string | null;
                                items: {
                                    /** @description units in stock now */
                                    available: number;
                                    currency: string;
                                    is_available: boolean;
                                    /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                    line_total: number;
                                    name: string;
                                    product_id: string;
                                    quantity: number;
                                    /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                    unit_price: number;
                                }[];
                                /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                total: number;
                                /** @description grows with every change; 0 before the first */
                                version: number;
                            };
                            /** @description Products by category (seed 001 menu-info), with what is available now */
                            menu: {
                                categories: {
                                    category: string;
                                    items: {
                                        /** @description units that can be ordered now */
                                        available: number;
                                        currency: string;
                                        is_available: boolean;
                                        name: string;
                                        /** @description unit price, integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                        price: number;
                                        product_id: string;
                                    }[];
                                }[];
                            };
                            orders: {
                                cancellation_reason?: string;
                                carrier?: string;
                                /** Format: date-time */
                                created_at: string;
                                currency: string;
                                customer_email?: string | null;
                                customer_id: string;
                                customer_name?: string | null;
                                delivered_at?: string;
                                delivery: {
                                    address: string;
                                    lat?: number;
                                    lon?: number;
                                } | null;
                                delivery_location?: string;
                                food_point_id?: string;
                                history?: {
                                    at: string;
                                    event_id: string;
                                    /** @enum {string} */
                                    status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                                }[];
                                items: {
                                    name: string;
                                    product_id: string;
                                    quantity: number;
                                    /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                    unit_price: number;
                                }[];
                                /** Format: uuid */
                                order_id: string;
                                payment?: {
                                    /** @enum {string} */
                                    method: "wallet";
                                    operation_id: string;
                                };
                                /** @enum {string} */
                                status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                                /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                total: number;
                                tracking_number?: string;
                                /** Format: date-time */
                                updated_at?: string;
                            }[];
                            profile: {
                                email?: string;
                                name?: string;
                                /** @description the stored profile (locale, channels) where profiles are kept; else null */
                                preferences: {
                                    [key: string]: unknown;
                                } | null;
                                roles: string[];
                                user_id: string;
                                username: string;
                            };
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the caller's profile
         * @description Without a saved profile: the name and e-mail the identity provider knows, locale en, every channel on.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The profile */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: {
                                email: boolean;
                                /** @description live updates over the WebSocket */
                                live: boolean;
                                push: boolean;
                            };
                            display_name: string | null;
                            email: string | null;
                            locale: "en" | "ru";
                            user_id: string;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /**
         * Change the caller's profile
         * @description Fields left out keep their value; `channels` may name only the channels to change.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channels?: {
                            email?: boolean;
                            /** @description live updates over the WebSocket */
                            live?: boolean;
                            push?: boolean;
                        };
                        display_name?: string | null;
                        email?: string | null;
                        locale?: "en" | "ru";
                    };
                };
            };
            responses: {
                /** @description The profile after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: {
                                email: boolean;
                                /** @description live updates over the WebSocket */
                                live: boolean;
                                push: boolean;
                            };
                            display_name: string | null;
                            email: string | null;
                            locale: "en" | "ru";
                            user_id: string;
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the caller's wallet
         * @description The balance and the ledger, newest first, paged by cursor like GET /api/v1/orders.
         */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The balance and a page of the ledger */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                            balance: number;
                            /** @description ISO 4217 code */
                            currency: string;
                            customer_id: string;
                            /** @description pass as `cursor` for the next page of the ledger; null at its end */
                            next_cursor: string | null;
                            operations: {
                                /** @description integer amount in minor units of the currency (5000 = 50.00 EUR); negative for a debit */
                                amount: number;
                                /** Format: date-time */
                                created_at: string;
                                id: string;
                                kind: "top_up" | "debit" | "refund";
                                order_id: string | null;
                            }[];
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/menu": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The menu
         * @description Products by category with their price and the units available to order now.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Products by category (seed 001 menu-info), with what is available now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            categories: {
                                category: string;
                                items: {
                                    /** @description units that can be ordered now */
                                    available: number;
                                    currency: string;
                                    is_available: boolean;
                                    name: string;
                                    /** @description unit price, integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                    price: number;
                                    product_id: string;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List or search orders
         * @description A buyer sees their own orders (and reads their own writes); an admin searches all of them by status, customer, creation time and full text. Newest first, paged by `cursor`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description inclusive */
                    created_from?: string;
                    /** @description exclusive */
                    created_to?: string;
                    /** @description `next_cursor` of the page before */
                    cursor?: string;
                    /** @description admins only */
                    customer_id?: string;
                    /** @description page size, at most 100 */
                    limit?: number;
                    /** @description full-text search */
                    q?: string;
                    /** @description statuses, comma-separated */
                    status?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of orders, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description pass as `cursor` for the next page; null at the end */
                            next_cursor: string | null;
                            orders: {
                                cancellation_reason?: string;
                                carrier?: string;
                                /** Format: date-time */
                                created_at: string;
                                currency: string;
                                customer_email?: string | null;
                                customer_id: string;
                                customer_name?: string | null;
                                delivered_at?: string;
                                delivery: {
                                    address: string;
                                    lat?: number;
                                    lon?: number;
                                } | null;
                                delivery_location?: string;
                                food_point_id?: string;
                                history?: {
                                    at: string;
                                    event_id: string;
                                    /** @enum {string} */
                                    status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                                }[];
                                items: {
                                    name: string;
                                    product_id: string;
                                    quantity: number;
                                    /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                    unit_price: number;
                                }[];
                                /** Format: uuid */
                                order_id: string;
                                payment?: {
                                    /** @enum {string} */
                                    method: "wallet";
                                    operation_id: string;
                                };
                                /** @enum {string} */
                                status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                                /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                total: number;
                                tracking_number?: string;
                                /** Format: date-time */
                                updated_at?: string;
                            }[];
                        };
                    };
                };
                /** @description VALIDATION_FAILED, PAGE_SIZE_TOO_LARGE */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED" | "PAGE_SIZE_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Place an order (and pay it)
         * @description Buyers only. Checks availability first: anything unavailable is 400 PRODUCT_UNAVAILABLE with the availability items, and no order is created. With `payment: {method: "wallet"}` the wallet is debited at once: 201 PAID, or 406 INSUFFICIENT_FUNDS and the order is cancelled. A repeated `Idempotency-Key` answers the first response again (header `Idempotent-Replayed: true`). Amounts in the answer are in minor units.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description makes retries safe: the same key (per buyer) and body get the first answer */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        customer_id?: string;
                        delivery?: {
                            address: string;
                            lat?: number;
                            lon?: number;
                        };
                        items: {
                            product_id: string;
                            quantity: number;
                        }[];
                        payment?: {
                            /** @enum {string} */
                            method: "wallet";
                        };
                    };
                };
            };
            responses: {
                /** @description Created: PENDING, or PAID when payment was asked (Location names the order) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cancellation_reason?: string;
                            carrier?: string;
                            /** Format: date-time */
                            created_at: string;
                            currency: string;
                            customer_email?: string | null;
                            customer_id: string;
                            customer_name?: string | null;
                            delivered_at?: string;
                            delivery: {
                                address: string;
                                lat?: number;
                                lon?: number;
                            } | null;
                            delivery_location?: string;
                            food_point_id?: string;
                            history?: {
                                at: string;
                                event_id: string;
                                /** @enum {string} */
                                status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                            }[];
                            items: {
                                name: string;
                                product_id: string;
                                quantity: number;
                                /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                unit_price: number;
                            }[];
                            /** Format: uuid */
                            order_id: string;
                            payment?: {
                                /** @enum {string} */
                                method: "wallet";
                                operation_id: string;
                            };
                            /** @enum {string} */
                            status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                            /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                            total: number;
                            tracking_number?: string;
                            /** Format: date-time */
                            updated_at?: string;
                        };
                    };
                };
                /** @description VALIDATION_FAILED, PRODUCT_UNAVAILABLE */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED" | "PRODUCT_UNAVAILABLE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INSUFFICIENT_FUNDS */
                406: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INSUFFICIENT_FUNDS";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description IDEMPOTENCY_KEY_IN_PROGRESS, TOO_MANY_UNPAID_ORDERS */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "IDEMPOTENCY_KEY_IN_PROGRESS" | "TOO_MANY_UNPAID_ORDERS";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description IDEMPOTENCY_KEY_REUSED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "IDEMPOTENCY_KEY_REUSED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an order
         * @description Its owner, admins, and the kitchen or courier it is assigned to; anyone else gets 404. Waits briefly for the read model after a write.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The order with its status history */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cancellation_reason?: string;
                            carrier?: string;
                            /** Format: date-time */
                            created_at: string;
                            currency: string;
                            customer_email?: string | null;
                            customer_id: string;
                            customer_name?: string | null;
                            delivered_at?: string;
                            delivery: {
                                address: string;
                                lat?: number;
                                lon?: number;
                            } | null;
                            delivery_location?: string;
                            food_point_id?: string;
                            history?: {
                                at: string;
                                event_id: string;
                                /** @enum {string} */
                                status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                            }[];
                            items: {
                                name: string;
                                product_id: string;
                                quantity: number;
                                /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                unit_price: number;
                            }[];
                            /** Format: uuid */
                            order_id: string;
                            payment?: {
                                /** @enum {string} */
                                method: "wallet";
                                operation_id: string;
                            };
                            /** @enum {string} */
                            status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                            /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                            total: number;
                            tracking_number?: string;
                            /** Format: date-time */
                            updated_at?: string;
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an order
         * @description Its buyer until it is assigned to a food point, admins until it is delivered. Releases the stock and refunds a paid order. The body is optional.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @description shown to the buyer */
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Cancelled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            order_id: string;
                            /** @enum {string} */
                            previous_status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                            /** @description whether the payment went back to the wallet */
                            refunded: boolean;
                            /** @enum {string} */
                            status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_INVALID_TRANSITION, CONCURRENCY_CONFLICT */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_INVALID_TRANSITION" | "CONCURRENCY_CONFLICT";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a paid order
         * @description Admins only (seed 004). PAID → CONFIRMED; any other status is 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Confirmed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            order_id: string;
                            /** @enum {string} */
                            previous_status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                            /** @enum {string} */
                            status: "PENDING" | "PAID" | "CONFIRMED" | "ASSIGNED" | "READY" | "IN_DELIVERY" | "DELIVERED" | "CANCELLED";
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_INVALID_TRANSITION, CONCURRENCY_CONFLICT */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_INVALID_TRANSITION" | "CONCURRENCY_CONFLICT";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an order's event stream
         * @description The order's events in order, for audit (its buyer and admins; others get 404). A buyer sees who acted by role, not by user id.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The stream, oldest event first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                data: {
                                    [key: string]: unknown;
                                };
                                event_id: string;
                                position: number;
                                /** Format: date-time */
                                recorded_at: string;
                                type: string;
                                version: number;
                            }[];
                            order_id: string;
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An order's notification receipts
         * @description Every attempt to tell the buyer (e-mail, push), oldest first, with the provider’s answer. The order’s buyer and admins only; to anyone else the order does not exist (404).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The receipts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            receipts: {
                                attempt: number;
                                /** Format: date-time */
                                attempted_at: string;
                                channel: "email" | "push";
                                /** @description the message (one per order change, channel and device or address) */
                                delivery_id: string;
                                device_id: string | null;
                                error_code: string | null;
                                id: string;
                                message: string | null;
                                message_id: string | null;
                                order_id: string;
                                /** @description retry: temporary, tried again later; device_invalid: the device is disabled for good; skipped: the device was disabled or removed before this attempt */
                                outcome: "delivered" | "retry" | "device_invalid" | "failed" | "skipped";
                                provider_status: number | null;
                                /** @description the e-mail address, or the device id */
                                target: string;
                            }[];
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/payment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay a pending order from the wallet
         * @description The order's buyer only. Debits the wallet: 200 PAID, or 406 INSUFFICIENT_FUNDS and the order is cancelled; 409 when the order is no longer PENDING. Repeating a successful payment answers it again without a second debit.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Paid (also the answer to a repeated payment) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                            amount: number;
                            currency: string;
                            /** @description the wallet operation's id */
                            operation_id: string;
                            order_id: string;
                            /** @enum {string} */
                            status: "PAID";
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INSUFFICIENT_FUNDS */
                406: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INSUFFICIENT_FUNDS";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_INVALID_TRANSITION, CONCURRENCY_CONFLICT */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_INVALID_TRANSITION" | "CONCURRENCY_CONFLICT";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/shipment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An order's shipment and every carrier report on it
         * @description Admins only. Reports are listed as received, including stale and unmapped ones.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The shipment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            carrier_id: string;
                            /** Format: date-time */
                            created_at: string;
                            created_by: string;
                            history: {
                                carrier_status: string;
                                mapped_status: string | null;
                                /** Format: date-time */
                                occurred_at: string;
                                /** @description APPLIED (moved the order), STALE (older than its status) or UNMAPPED */
                                outcome: string;
                                /** Format: date-time */
                                received_at: string;
                                tracking_number: string | null;
                                webhook_id: string;
                            }[];
                            order_id: string;
                            tracking_number: string | null;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Hand a READY order to a carrier
         * @description An admin, or kitchen staff of the order's food point. Creates the shipment; the order stays READY until the carrier's webhook reports it SHIPPED (→ IN_DELIVERY). An order the caller may not see is 404; not READY is 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description a configured carrier id */
                        carrier: string;
                        tracking_number?: string;
                    };
                };
            };
            responses: {
                /** @description Handed over */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            carrier_id: string;
                            /** Format: date-time */
                            created_at: string;
                            created_by: string;
                            order_id: string;
                            tracking_number: string | null;
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_NOT_FOUND, CARRIER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_NOT_FOUND" | "CARRIER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_INVALID_TRANSITION, SHIPMENT_EXISTS */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_INVALID_TRANSITION" | "SHIPMENT_EXISTS";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the products
         * @description Seed 002 Product Service: every product with its price and the stock left to order.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description All products */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            products: {
                                category: string;
                                /** @description ISO 4217 code */
                                currency: string;
                                id: string;
                                name: string;
                                /** @description unit price, integer amount in minor units of the currency (5000 = 50.00 EUR) */
                                price: number;
                                /** @description units in stock, not reserved by an order */
                                stock: number;
                            }[];
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create or update a product
         * @description Admins only. Replaces the product with this id, or creates it; `stock` sets the units left.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        category?: string;
                        /** @description ISO 4217 code */
                        currency: string;
                        name: string;
                        /** @description unit price, integer amount in minor units of the currency (5000 = 50.00 EUR) */
                        price: number;
                        stock: number;
                    };
                };
            };
            responses: {
                /** @description The product as stored */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            category: string;
                            /** @description ISO 4217 code */
                            currency: string;
                            id: string;
                            name: string;
                            /** @description unit price, integer amount in minor units of the currency (5000 = 50.00 EUR) */
                            price: number;
                            /** @description units in stock, not reserved by an order */
                            stock: number;
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}/recipe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a product's recipe
         * @description Admins only. The ingredients one unit of the product needs.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The recipe */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ingredient → units */
                            ingredients: {
                                [key: string]: number;
                            };
                            product_id: string;
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RECIPE_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RECIPE_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /**
         * Set a product's recipe
         * @description Admins only. Replaces the ingredients one unit needs. A product without a recipe cannot be assigned to any kitchen.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description ingredient → units */
                        ingredients: {
                            [key: string]: number;
                        };
                    };
                };
            };
            responses: {
                /** @description The recipe */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ingredient → units */
                            ingredients: {
                                [key: string]: number;
                            };
                            product_id: string;
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PRODUCT_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PRODUCT_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/check-availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check whether items are available
         * @description Seed 002: for each requested product, how many are available now. Reserves nothing; placing the order re-checks under lock.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        items: {
                            product_id: string;
                            quantity: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Availability per requested product */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            all_available: boolean;
                            items: {
                                available: number;
                                is_available: boolean;
                                product_id: string;
                                requested: number;
                            }[];
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sign-in-method": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How the web app signs in (built-in password form or an external issuer)
         * @description No token needed. `password`: the built-in provider (embedded default), whose token endpoint takes the password grant. `authorization_code`: `OIDC_ISSUER` is set; sign in there with PKCE as `client_id` asking for `scope`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The sign-in method */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            client_id: string;
                            issuer: string;
                            /** @enum {string} */
                            mode: "password";
                            token_endpoint: string;
                        } | {
                            client_id: string;
                            issuer: string;
                            /** @enum {string} */
                            mode: "authorization_code";
                            scope: string;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/updates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's live order updates (WebSocket)
         * @description A WebSocket (RFC 6455) upgrade; the connection then carries JSON text frames.
         *     Authenticate with `Authorization: Bearer <access token>` on the upgrade request or, from a browser, with `?ticket=` from `POST /api/v1/updates/ticket` (single use, short-lived). A missing, bad or expired credential refuses the upgrade with 401 problem+json.
         *
         *     Server → client, one per status change of one of the caller's orders, in `position` order (strictly increasing per user):
         *     `{"type":"order.status_updated","event_id","order_id","status","previous_status","position","timestamp","version", …details (reason, tracking_number, carrier, delivered_at, …)}`.
         *     Client → server: `{"type":"ack","event_id"}`; the ack is stored. An unknown frame gets `{"type":"error","code":"UNSUPPORTED_MESSAGE"}`, an ack for an event not in the caller's feed `{"type":"error","code":"UNKNOWN_EVENT"}`.
         *
         *     Resume: `?after=<position>` sends every update after that position, in order, nothing twice; without it, every update not yet acknowledged within the retention window (LIVE_UPDATES_RETENTION_SECONDS).
         *
         *     Close codes: 4001 the token expired (reconnect with a new credential and `after`); 4008 the client read too slowly and its send buffer passed LIVE_UPDATES_MAX_BUFFERED_BYTES (reconnect with `after`); 1012 the server is restarting or shutting down (reconnect, to any instance, with `after`). The server pings every LIVE_UPDATES_HEARTBEAT_MS and drops a socket that did not answer the previous ping.
         */
        get: {
            parameters: {
                query?: {
                    /** @description resume after this position */
                    after?: number;
                    /** @description from POST /api/v1/updates/ticket */
                    ticket?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Switching Protocols: the WebSocket is open */
                101: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @enum {string} */
                            code: "VALIDATION_FAILED";
                            detail: string;
                            status: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @enum {string} */
                            code: "UNAUTHENTICATED";
                            detail: string;
                            status: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UPGRADE_REQUIRED */
                426: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @enum {string} */
                            code: "UPGRADE_REQUIRED";
                            detail: string;
                            status: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/updates/ticket": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a one-time ticket for the live-updates WebSocket
         * @description For browsers, which cannot set `Authorization` on a WebSocket: open `GET /api/v1/updates?ticket=<ticket>` within `expires_in` seconds. A ticket opens one socket, once, on any API instance; the session ends when the token used here expires.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The ticket */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description seconds the ticket stays redeemable */
                            expires_in: number;
                            /** @description opaque; pass as the `ticket` query parameter */
                            ticket: string;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @enum {string} */
                            code: "UNAUTHENTICATED";
                            detail: string;
                            status: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wallets/{customer_id}/top-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Top up a customer's wallet
         * @description Admins only. Credits `amount` and answers with the wallet; an unknown customer is 404.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    customer_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                        amount: number;
                        currency?: string;
                    };
                };
            };
            responses: {
                /** @description Credited; the wallet after the top-up */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description integer amount in minor units of the currency (5000 = 50.00 EUR) */
                            balance: number;
                            /** @description ISO 4217 code */
                            currency: string;
                            customer_id: string;
                            /** @description pass as `cursor` for the next page of the ledger; null at its end */
                            next_cursor: string | null;
                            operations: {
                                /** @description integer amount in minor units of the currency (5000 = 50.00 EUR); negative for a debit */
                                amount: number;
                                /** Format: date-time */
                                created_at: string;
                                id: string;
                                kind: "top_up" | "debit" | "refund";
                                order_id: string | null;
                            }[];
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description CUSTOMER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "CUSTOMER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/carriers/{carrier}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A carrier's signed status report (Standard Webhooks)
         * @description Signed per the Standard Webhooks spec with one of the carrier's active secrets: `webhook-signature` is a space-separated list of `v1,<base64 HMAC-SHA256 of "webhook-id.webhook-timestamp.body">` over the raw body; a timestamp more than 5 minutes off is refused. The carrier's status is mapped (SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY → IN_DELIVERY; DELIVERED, COMPLETED → DELIVERED by default) and moves the order forward only; an older status is recorded on the shipment and answered 200; a replayed webhook-id changes nothing (200, outcome DUPLICATE). Rate limited per carrier (CARRIER_WEBHOOK_RATE_LIMIT).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description unique per message; replays are ignored */
                    "webhook-id"?: string;
                    /** @description v1,<base64> [v1,<base64> …] */
                    "webhook-signature"?: string;
                    /** @description Unix seconds */
                    "webhook-timestamp"?: string;
                };
                path: {
                    carrier: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        carrier?: string;
                        /** Format: date-time */
                        delivered_at?: string;
                        /** @description where it was left, e.g. "Front door" */
                        delivery_location?: string;
                        /** Format: date-time */
                        occurred_at: string;
                        /** Format: uuid */
                        order_id: string;
                        /** @description in the carrier's vocabulary */
                        status: string;
                        tracking_number?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Accepted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            order_id: string;
                            outcome: "APPLIED" | "STALE" | "UNMAPPED" | "DUPLICATE";
                            /** @description the order's status after the report */
                            status: string;
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description WEBHOOK_HEADERS_MISSING, WEBHOOK_SIGNATURE_INVALID, WEBHOOK_TIMESTAMP_OUT_OF_RANGE, WEBHOOK_CARRIER_UNKNOWN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "WEBHOOK_HEADERS_MISSING" | "WEBHOOK_SIGNATURE_INVALID" | "WEBHOOK_TIMESTAMP_OUT_OF_RANGE" | "WEBHOOK_CARRIER_UNKNOWN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_NOT_FOUND";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description ORDER_NOT_WITH_CARRIER, ORDER_INVALID_TRANSITION, CONCURRENCY_CONFLICT */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "ORDER_NOT_WITH_CARRIER" | "ORDER_INVALID_TRANSITION" | "CONCURRENCY_CONFLICT";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dev/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * E-mails and pushes captured instead of sent (embedded mode)
         * @description Admins only. Rendered e-mails and push payloads as they would have been sent, newest first, with the recipient address or device token. Exists only in embedded mode for channels without a real provider.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Captured messages, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            messages: ({
                                /** Format: date-time */
                                captured_at: string;
                                html: string;
                                id: string;
                                /** @enum {string} */
                                kind: "email";
                                subject: string;
                                text: string;
                                to: string;
                            } | {
                                body: string;
                                /** Format: date-time */
                                captured_at: string;
                                data: {
                                    [key: string]: string;
                                };
                                id: string;
                                /** @enum {string} */
                                kind: "push";
                                platform: "android" | "ios";
                                title: string;
                                token: string;
                            })[];
                        };
                    };
                };
                /** @description VALIDATION_FAILED */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "VALIDATION_FAILED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNAUTHENTICATED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description FORBIDDEN */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "FORBIDDEN";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description The process is up; says nothing about its dependencies (see /readyz).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The process is up */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description Checks each dependency (database, broker); 503 NOT_READY with `checks` when one is down.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every dependency answers */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                [key: string]: "ok" | "down";
                            };
                            /** @enum {string} */
                            status: "ready";
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description NOT_READY */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "NOT_READY";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/orderflow/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * OpenID Provider discovery document
         * @description The built-in provider (embedded mode) at Keycloak's path for the realm `orderflow`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The discovery document */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claims_supported: string[];
                            grant_types_supported: string[];
                            id_token_signing_alg_values_supported: string[];
                            issuer: string;
                            jwks_uri: string;
                            scopes_supported: string[];
                            subject_types_supported: string[];
                            token_endpoint: string;
                            token_endpoint_auth_methods_supported: string[];
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/orderflow/protocol/openid-connect/certs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Token signing keys (JWKS)
         * @description The public RS256 key(s) access tokens are signed with; cacheable for 5 minutes.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The key set */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: {
                                alg: string;
                                e: string;
                                kid: string;
                                kty: string;
                                n: string;
                                use: string;
                            }[];
                        };
                    };
                };
                /** @description RATE_LIMITED */
                429: {
                    headers: {
                        /** @description seconds to wait */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "RATE_LIMITED";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/orderflow/protocol/openid-connect/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get an access token (password grant)
         * @description OAuth 2.0 resource owner password grant for the public client `orderflow-web`. Errors are problem+json that also carry `error` and `error_description` as Keycloak sends them. Failed logins lock the username and the client address for a growing time (429 with Retry-After), whether or not the user exists.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/x-www-form-urlencoded": {
                        /** @enum {string} */
                        client_id: "orderflow-web";
                        /** @enum {string} */
                        grant_type: "password";
                        /** Format: password */
                        password: string;
                        /** @description ignored; tokens carry `profile email` */
                        scope?: string;
                        username: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description An access token (RFC 6749 §5.1) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description an RS256 JWT; roles in `realm_access.roles` */
                            access_token: string;
                            /** @description seconds */
                            expires_in: number;
                            /** @description 0: no refresh token is issued */
                            refresh_expires_in: number;
                            scope: string;
                            /** @enum {string} */
                            token_type: "Bearer";
                        };
                    };
                };
                /** @description invalid_request, unsupported_grant_type */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @enum {string} */
                            code: "VALIDATION_FAILED";
                            detail: string;
                            /** @description RFC 6749 §5.2 error code, as Keycloak answers it */
                            error?: string;
                            error_description?: string;
                            instance: string;
                            request_id: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description invalid_grant (wrong credentials), invalid_client */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @enum {string} */
                            code: "UNAUTHENTICATED";
                            detail: string;
                            /** @description RFC 6749 §5.2 error code, as Keycloak answers it */
                            error?: string;
                            error_description?: string;
                            instance: string;
                            request_id: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "PAYLOAD_TOO_LARGE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description too many failed logins for this username or address */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @enum {string} */
                            code: "RATE_LIMITED";
                            detail: string;
                            /** @description RFC 6749 §5.2 error code, as Keycloak answers it */
                            error?: string;
                            error_description?: string;
                            instance: string;
                            request_id: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /**
                             * @description stable code to match on (src/shared/errors.ts)
                             * @enum {string}
                             */
                            code: "INTERNAL";
                            /** @description for people; do not parse */
                            detail: string;
                            /** @description the request path */
                            instance: string;
                            /** @description the id under which the request is logged */
                            request_id: string;
                            /** @description the HTTP status, repeated */
                            status: number;
                            title: string;
                            /** @description a URI naming the kind of problem */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
